/**
 * The data a run reads: what conditions, Liquid templates and the interpreter see.
 * Built by the engine (from Postgres) or the simulator (from a sample profile); never fetched
 * here, so everything in `server/journey/` stays free of I/O.
 */
import type { Channel, Purpose } from "./schema";

/**
 * `profile.*` in conditions and templates: the profile's fields (`id` is the external id) and
 * its attributes at the same level; a field wins over an attribute of the same name.
 */
export type ProfileView = {
  id: string;
  phone?: string | null;
  email?: string | null;
  whatsapp?: string | null;
  timezone?: string | null;
  locale?: string | null;
  country?: string | null;
  [attribute: string]: unknown;
};

/** One observed message status, for `engagement` conditions. */
export type EngagementFact = {
  nodeId?: string;
  channel: Channel;
  status: "delivered" | "read" | "opened" | "clicked" | "replied" | "failed";
  at: string; // ISO instant
};

/** The current consent state of one channel and purpose (derived from the append-only log). */
export type ConsentFact = { channel: Channel; purpose: Purpose; status: "opted_in" | "opted_out" };

export type ConditionContext = {
  profile: ProfileView;
  /** The event being evaluated (trigger, exitOn, goal, until_event) or the run's entry event. */
  event: Record<string, unknown>;
  journey: { key: string; name: string; version?: number };
  engagement: readonly EngagementFact[];
  consents: readonly ConsentFact[];
  now: Date;
};

/** The profile's own fields that `profile.*` shows beside `id` and its attributes (journey format spec). */
export const PROFILE_FIELDS = ["phone", "email", "whatsapp", "timezone", "locale", "country"] as const;

/**
 * Flatten a profile row into the view conditions and templates read: its attributes, then the
 * profile's fields over them, and `id` = the external id. Nothing else of the row (internal id,
 * workspace, timestamps) shows, nor hides an attribute of the same name.
 */
export function toProfileView(profile: {
  externalId: string;
  phone?: string | null;
  email?: string | null;
  whatsapp?: string | null;
  timezone?: string | null;
  locale?: string | null;
  country?: string | null;
  attributes?: Record<string, unknown> | null;
}): ProfileView {
  const view: ProfileView = { ...profile.attributes, id: profile.externalId };
  for (const field of PROFILE_FIELDS) if (profile[field] !== undefined) view[field] = profile[field];
  return view;
}
