/**
 * An event for a profile, from the API: stored once (idempotency key), then, in the same
 * transaction, it enters the profile into live journeys it triggers and moves the runs waiting
 * for it. The answer names both, and is stored so a repeated key gets the same answer.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { events } from "@/db/schema";
import { AppError } from "@/server/errors";
import { ExternalIdSchema, requireProfile } from "@/server/profiles/upsert-profile";
import { enrolOnEvent, resumeOnEvent } from "./enrol";

export const EventInputSchema = z.strictObject({
  profileId: ExternalIdSchema,
  name: z.string().trim().min(1).max(120),
  properties: z.record(z.string(), z.unknown()).default({}),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  idempotencyKey: z.string().trim().min(1).max(200).optional(),
});
export type EventInput = z.input<typeof EventInputSchema>;

export const EventResultSchema = z.object({
  eventId: z.string(),
  enrolled: z.array(z.string()),
  resumed: z.array(z.string()),
});
export type EventResult = z.infer<typeof EventResultSchema>;

export async function ingestEvent(db: Db, workspaceId: string, raw: EventInput, now = new Date()): Promise<EventResult> {
  const input = EventInputSchema.parse(raw);
  return db.transaction(async (tx) => {
    const profile = await requireProfile(tx, workspaceId, input.profileId);
    const occurredAt = input.timestamp ? new Date(input.timestamp) : now;
    const fingerprint = { profileId: input.profileId, name: input.name, properties: input.properties, timestamp: input.timestamp ?? null };

    const inserted = await tx
      .insert(events)
      .values({
        workspaceId,
        profileId: profile.id,
        name: input.name,
        properties: input.properties,
        occurredAt,
        receivedAt: now,
        idempotencyKey: input.idempotencyKey ?? null,
        // Only a keyed event can be replayed, so only it keeps its fingerprint and answer.
        result: input.idempotencyKey ? { fingerprint } : null,
      })
      .onConflictDoNothing()
      .returning({ id: events.id });
    const event = inserted[0];
    if (!event) return replay(tx, workspaceId, input.idempotencyKey!, fingerprint);

    const incoming = { name: input.name, properties: input.properties };
    const enrolled = await enrolOnEvent(tx, profile, incoming, now);
    const resumed = await resumeOnEvent(tx, profile, { ...incoming, at: occurredAt }, now, enrolled);
    const result: EventResult = { eventId: event.id, enrolled, resumed };
    if (input.idempotencyKey) await tx.update(events).set({ result: { fingerprint, answer: result } }).where(eq(events.id, event.id));
    return result;
  });
}

/** The same key twice is one event: same body → the first answer; another body → a conflict. */
async function replay(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], workspaceId: string, key: string, fingerprint: unknown) {
  const [prior] = await tx
    .select({ result: events.result })
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), eq(events.idempotencyKey, key)));
  const stored = prior?.result as { fingerprint: unknown; answer?: EventResult } | undefined;
  if (!stored?.answer) throw new AppError("CONFLICT", `An event with idempotency key "${key}" is still being processed; retry shortly.`);
  if (canonicalJson(stored.fingerprint) !== canonicalJson(fingerprint)) {
    throw new AppError("CONFLICT", `Idempotency key "${key}" was already used for a different event.`);
  }
  return stored.answer;
}

/** JSON with object keys sorted: jsonb does not keep key order, so compare this way. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
