/**
 * `GET /profiles/{externalId}`: a profile, its consent (the current state per channel and
 * purpose, and the append-only log it comes from) and its timeline across channels — events it
 * sent, journeys it entered, messages we sent it with their status history, and its replies —
 * newest first and bounded. Also the one shape a profile has in API answers (`presentProfile`).
 */
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { consents, events, inboundMessages, journeys, messages, profiles, runs } from "@/db/schema";
import { loadConsents } from "@/server/engine/run-context";
import { ChannelSchema, PurposeSchema } from "@/server/journey/schema";
import { RunStatusSchema } from "@/server/journey/run-state";
import { MessageViewSchema, presentMessage } from "@/server/runs/list-messages";
import { requireProfile } from "./upsert-profile";

export const MAX_TIMELINE = 500;
const MAX_CONSENT_LOG = 500;

const Instant = z.iso.datetime({ offset: true });

export const ProfileSchema = z.object({
  /** The external id: the id integrations use everywhere in the API. */
  id: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  whatsapp: z.string().nullable(),
  timezone: z.string().nullable(),
  locale: z.string().nullable(),
  country: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Profile = z.infer<typeof ProfileSchema>;

export function presentProfile(row: typeof profiles.$inferSelect): Profile {
  return {
    id: row.externalId,
    phone: row.phone,
    email: row.email,
    whatsapp: row.whatsapp,
    timezone: row.timezone,
    locale: row.locale,
    country: row.country,
    attributes: row.attributes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const ConsentStatusSchema = z.enum(["opted_in", "opted_out"]);

export const ConsentRecordSchema = z.object({
  id: z.number().int(),
  channel: ChannelSchema,
  purpose: PurposeSchema,
  status: ConsentStatusSchema,
  /** Where the consent came from: a form, an import, `inbound:STOP`… */
  source: z.string(),
  /** When the person consented or revoked. */
  at: Instant,
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

export function presentConsent(row: typeof consents.$inferSelect): ConsentRecord {
  return { id: row.id, channel: row.channel, purpose: row.purpose, status: row.status, source: row.source, at: row.at.toISOString() };
}

export const TimelineEntrySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("event"), at: Instant, id: z.string(), name: z.string(), properties: z.record(z.string(), z.unknown()) }),
  z.object({
    type: z.literal("run"),
    at: Instant,
    id: z.string(),
    journey: z.string(),
    version: z.number().int(),
    status: RunStatusSchema,
    exitReason: z.string().nullable(),
  }),
  MessageViewSchema.extend({ type: z.literal("message"), at: Instant, journey: z.string().nullable() }),
  z.object({
    type: z.literal("inbound"),
    at: Instant,
    id: z.string(),
    channel: ChannelSchema,
    from: z.string(),
    text: z.string(),
    /** opt_out, opt_in, help, revocation_intent, other. */
    classification: z.string(),
  }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const ProfileDetailSchema = z.object({
  profile: ProfileSchema,
  consents: z.object({
    current: z.array(z.object({ channel: ChannelSchema, purpose: PurposeSchema, status: ConsentStatusSchema })),
    /** Newest first, the latest 500 records. */
    log: z.array(ConsentRecordSchema),
  }),
  /** Newest first: the latest `limit` entries (default 100, at most 500). */
  timeline: z.array(TimelineEntrySchema),
});
export type ProfileDetail = z.infer<typeof ProfileDetailSchema>;

export async function getProfileDetail(db: Executor, workspaceId: string, externalId: string, timelineLimit = 100): Promise<ProfileDetail> {
  const profile = await requireProfile(db, workspaceId, externalId);
  const limit = Math.min(Math.max(1, timelineLimit), MAX_TIMELINE);
  const [current, consentLog, eventRows, runRows, messageRows, inboundRows] = await Promise.all([
    loadConsents(db, profile.id),
    db.select().from(consents).where(eq(consents.profileId, profile.id)).orderBy(desc(consents.at), desc(consents.id)).limit(MAX_CONSENT_LOG),
    db.select().from(events).where(eq(events.profileId, profile.id)).orderBy(desc(events.occurredAt)).limit(limit),
    db
      .select({ run: runs, journey: journeys.key })
      .from(runs)
      .innerJoin(journeys, eq(journeys.id, runs.journeyId))
      .where(eq(runs.profileId, profile.id))
      .orderBy(desc(runs.enteredAt))
      .limit(limit),
    db
      .select({ message: messages, journey: journeys.key })
      .from(messages)
      .leftJoin(journeys, eq(journeys.id, messages.journeyId))
      .where(eq(messages.profileId, profile.id))
      .orderBy(desc(messages.createdAt))
      .limit(limit),
    db.select().from(inboundMessages).where(eq(inboundMessages.profileId, profile.id)).orderBy(desc(inboundMessages.receivedAt)).limit(limit),
  ]);

  const timeline: { ms: number; entry: TimelineEntry }[] = [
    ...eventRows.map((e) => ({
      ms: e.occurredAt.getTime(),
      entry: { type: "event" as const, at: e.occurredAt.toISOString(), id: e.id, name: e.name, properties: e.properties },
    })),
    ...runRows.map(({ run, journey }) => ({
      ms: run.enteredAt.getTime(),
      entry: {
        type: "run" as const,
        at: run.enteredAt.toISOString(),
        id: run.id,
        journey,
        version: run.version,
        status: run.status,
        exitReason: run.exitReason,
      },
    })),
    ...messageRows.map(({ message, journey }) => ({
      ms: message.createdAt.getTime(),
      entry: { type: "message" as const, at: message.createdAt.toISOString(), journey, ...presentMessage(message) },
    })),
    ...inboundRows.map((m) => ({
      ms: m.receivedAt.getTime(),
      entry: {
        type: "inbound" as const,
        at: m.receivedAt.toISOString(),
        id: m.id,
        channel: m.channel,
        from: m.from,
        text: m.text,
        classification: m.classification,
      },
    })),
  ];
  timeline.sort((a, b) => b.ms - a.ms);

  return {
    profile: presentProfile(profile),
    consents: {
      current,
      log: consentLog.map(presentConsent),
    },
    timeline: timeline.slice(0, limit).map((t) => t.entry),
  };
}
