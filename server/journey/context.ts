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

/** Flatten a profile row into the view conditions and templates read. */
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
  const { externalId, attributes, ...fields } = profile;
  return { ...(attributes ?? {}), ...stripUndefined(fields), id: externalId };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
