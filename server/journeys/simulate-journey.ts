/**
 * `POST /journeys/{key}/simulate`: run a sample profile through the draft (or published version
 * `version`) on a virtual clock, under the workspace's real send rules — consent (from the
 * request), sender IDs, frequency caps and quiet hours in the recipient's zone — so the answer
 * shows what would be deferred or suppressed and which path the run would take. It reads the
 * journey, the send policy and the sender IDs; it sends and writes nothing.
 *
 * Frequency caps count the sends of this simulation only, and a fallback counts as a send of
 * its own (the engine counts it with its primary), so a simulation errs towards suppressing.
 */
import { z } from "zod";
import type { Executor } from "@/db/client";
import { loadSenders } from "@/server/engine/workspace-senders";
import { loadSendPolicy } from "@/server/engine/workspace-policy";
import { AppError } from "@/server/errors";
import { MessageStatusSchema, RunStatusSchema, SendEffectSchema } from "@/server/journey/run-state";
import { ChannelSchema, PurposeSchema } from "@/server/journey/schema";
import { simulate, SimulateInputSchema, type DecideSend, type SimulateResult } from "@/server/journey/simulate";
import { validateJourney } from "@/server/journey/validate";
import { decideSend } from "@/server/policy/decide-send";
import type { RecentSend } from "@/server/policy/frequency-caps";
import { resolveRecipientTimezone } from "@/server/policy/timezone";
import { toE164 } from "@/server/profiles/upsert-profile";
import { getDocument } from "./drafts";

export const SimulateRequestSchema = SimulateInputSchema;
export type SimulateRequest = z.output<typeof SimulateRequestSchema>;

const Instant = z.iso.datetime({ offset: true });

export const SimulateResultSchema = z.object({
  /** Node ids in the order the run entered them. */
  path: z.array(z.string()),
  /** Each node left and the output it took. */
  taken: z.array(z.object({ nodeId: z.string(), output: z.string() })),
  timeline: z.array(z.object({ at: Instant, nodeId: z.string().optional(), kind: z.string(), detail: z.string() })),
  sends: z.array(
    z.object({
      at: Instant,
      sentAt: Instant.optional(),
      nodeId: z.string(),
      channel: ChannelSchema,
      purpose: PurposeSchema,
      content: SendEffectSchema.shape.content,
      status: MessageStatusSchema,
      reason: z.string().optional(),
    }),
  ),
  status: z.union([RunStatusSchema, z.literal("not_entered")]),
  endedAt: Instant,
});
// The schema documents simulate()'s answer: keep the two in step.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameShape: Same<z.output<typeof SimulateResultSchema>, SimulateResult> = true;

export async function simulateJourney(
  db: Executor,
  workspaceId: string,
  key: string,
  input: SimulateRequest,
  options: { version?: number; now?: Date } = {},
): Promise<SimulateResult> {
  const journey = await getDocument(db, workspaceId, key, options.version);
  const { errors, warnings } = validateJourney(journey);
  if (errors.length > 0) {
    throw new AppError("BAD_REQUEST", `Fix ${errors.length} error${errors.length === 1 ? "" : "s"} before simulating.`, { errors, warnings });
  }
  const [policy, senders] = await Promise.all([loadSendPolicy(db, workspaceId), loadSenders(db, workspaceId)]);

  const country = input.profile.country?.toUpperCase() ?? null;
  const profile = {
    ...input.profile,
    ...(input.profile.phone ? { phone: toE164(input.profile.phone, country) } : {}),
    ...(input.profile.whatsapp ? { whatsapp: toE164(input.profile.whatsapp, country) } : {}),
  };
  const { zone } = resolveRecipientTimezone({ profileTimezone: profile.timezone, phone: profile.phone, workspaceTimezone: policy.timezone });

  const sent: RecentSend[] = [];
  const decide: DecideSend = (send, now) => {
    const decision = decideSend({
      now,
      channel: send.channel,
      purpose: send.purpose,
      urgent: send.urgent,
      journeyQuietHours: send.quietHours,
      requestedSenderId: send.senderId ?? null,
      profile,
      consents: input.consents,
      senders,
      recentSends: sent,
      policy,
    });
    switch (decision.action) {
      case "allow":
        sent.push({ channel: send.channel, purpose: send.purpose, at: now, key: send.key });
        return { action: "allow" };
      case "defer":
        return { action: "defer", until: decision.until, reason: decision.reason };
      case "suppress":
        return { action: "suppress", reason: decision.reason };
      default: {
        const _exhaustive: never = decision;
        throw new Error(`Unknown decision ${JSON.stringify(_exhaustive)}`);
      }
    }
  };

  const { startAt, ...rest } = input;
  return simulate(journey, {
    ...rest,
    profile,
    startAt: startAt ?? options.now ?? new Date(),
    decideSend: decide,
    recipientTimezone: zone,
  });
}
