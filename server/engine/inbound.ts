/**
 * Replies from recipients (sandbox or a provider's webhook). The whole message is matched
 * against the keywords: STOP-like words opt the sender out of the channel at once, START-like
 * words opt them back in, HELP/INFO get the workspace's help text. Anything else counts as a
 * `replied` outcome for the latest message we sent them on that channel; replies that read
 * like a request to stop are also kept for an admin to review.
 */
import { and, desc, eq, gt, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { consents, inboundMessages, messages } from "@/db/schema";
import { ChannelSchema, type Channel } from "@/server/journey/schema";
import { keywordConsentRecords } from "@/server/policy/consent";
import { classifyInbound, type InboundKind } from "@/server/policy/keywords";
import { findProfileByPhone, toE164 } from "@/server/profiles/upsert-profile";
import { applyReceipts } from "./receipts";
import { dispatchJobKey, enqueue, TASKS } from "./queue";
import { loadSendPolicy } from "./workspace-policy";

export const InboundInputSchema = z.strictObject({
  channel: ChannelSchema,
  from: z.string().trim().min(1).max(200),
  text: z.string().max(5000),
});
export type InboundInput = z.infer<typeof InboundInputSchema>;

/** How far back a reply may refer to a message we sent. */
const REPLY_WINDOW_DAYS = 7;
const REPLIABLE = ["sent", "delivered", "read"];

export type InboundResult = {
  inboundId: string;
  kind: InboundKind;
  profileId: string | null;
  repliedTo: string | null;
  /** The message was already received (same `inboundId`): nothing was done again. */
  duplicate: boolean;
};

/**
 * `options.inboundId`: an id derived from the provider's message id, so a webhook delivered
 * twice is handled once (the second insert conflicts and nothing else happens).
 */
export async function handleInbound(
  db: Db,
  workspaceId: string,
  input: InboundInput,
  now = new Date(),
  options: { inboundId?: string } = {},
): Promise<InboundResult> {
  const from = isPhoneChannel(input.channel) ? safeE164(input.from) : input.from;
  const { kind, keyword } = classifyInbound(input.text);
  return db.transaction(async (tx) => {
    const profile = await findProfileByPhone(tx, workspaceId, from);
    const [inbound] = await tx
      .insert(inboundMessages)
      .values({
        ...(options.inboundId ? { id: options.inboundId } : {}),
        workspaceId,
        profileId: profile?.id ?? null,
        channel: input.channel,
        from,
        text: input.text,
        classification: kind,
        receivedAt: now,
        // Keywords are acted on at once; only free-text revocations wait for a person.
        reviewedAt: kind === "revocation_intent" ? null : now,
      })
      .onConflictDoNothing({ target: inboundMessages.id })
      .returning({ id: inboundMessages.id });
    if (!inbound) return { inboundId: options.inboundId!, kind, profileId: profile?.externalId ?? null, repliedTo: null, duplicate: true };
    let repliedTo: string | null = null;
    if (profile) {
      const records = keywordConsentRecords({ kind, channel: input.channel, at: now, source: `inbound:${keyword ?? kind}` });
      if (records.length > 0) {
        await tx.insert(consents).values(
          records.map((r) => ({ workspaceId, profileId: profile.id, channel: r.channel, purpose: r.purpose, status: r.status, source: r.source, at: now })),
        );
      }
      if (kind === "help") {
        const policy = await loadSendPolicy(tx, workspaceId);
        const key = `help:${inbound.id}`;
        const [reply] = await tx
          .insert(messages)
          .values({
            workspaceId,
            profileId: profile.id,
            channel: input.channel,
            purpose: "transactional",
            urgent: true,
            content: { body: policy.helpText },
            status: "pending",
            statusHistory: [{ status: "pending", at: now.toISOString() }],
            idempotencyKey: key,
          })
          .returning({ id: messages.id });
        await enqueue(tx, [{ task: TASKS.dispatchMessage, payload: { messageIds: [reply!.id] }, jobKey: dispatchJobKey(key) }]);
      }
      if (kind === "other" || kind === "revocation_intent") {
        const [last] = await tx
          .select()
          .from(messages)
          .where(
            and(
              eq(messages.profileId, profile.id),
              eq(messages.channel, input.channel),
              inArray(messages.status, REPLIABLE),
              gt(messages.createdAt, new Date(now.getTime() - REPLY_WINDOW_DAYS * 86_400_000)),
            ),
          )
          .orderBy(desc(messages.createdAt))
          .limit(1)
          .for("update");
        if (last) {
          await applyReceipts(tx, [{ message: last, receipt: { status: "replied", at: now } }], now);
          repliedTo = last.id;
        }
      }
    }
    return { inboundId: inbound.id, kind, profileId: profile?.externalId ?? null, repliedTo, duplicate: false };
  });
}

function isPhoneChannel(channel: Channel): boolean {
  return channel === "sms" || channel === "whatsapp" || channel === "voice";
}

function safeE164(value: string): string {
  try {
    return toE164(value);
  } catch {
    return value;
  }
}
