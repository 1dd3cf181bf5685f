/**
 * Takes one message out of the outbox: decides it under the workspace's policies (consent,
 * sender ID, caps, quiet hours), then hands it to the provider with its idempotency key.
 *
 * The message row is the dedupe log. It moves pending → (deferred →) sending → sent, and
 * `sending` is committed before the provider is called: a crash after that point retries the
 * call with the same key (the provider deduplicates), never a new decision or a new message.
 */
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Executor, Tx } from "@/db/client";
import { messageReceipts, messages, runs, senderIds } from "@/db/schema";
import { ProviderError } from "@/server/channels/provider";
import type { ProviderRegistry } from "@/server/channels/registry";
import { toProfileView } from "@/server/journey/context";
import type { SendContent } from "@/server/journey/schema";
import { decideSend } from "@/server/policy/decide-send";
import type { RecentSend } from "@/server/policy/frequency-caps";
import { SenderIdSchema, type SenderId } from "@/server/policy/sender-id";
import { applyInput } from "./apply-input";
import { applyReceiptToMessage } from "./receipts";
import { dispatchJobKey, enqueue, TASKS } from "./queue";
import { loadConsents, loadProfile } from "./run-context";
import { loadSendPolicy } from "./workspace-policy";

export type MessageRow = typeof messages.$inferSelect;

/** Statuses that were handed to a provider, i.e. that count against caps. */
const DISPATCHED = ["sending", "sent", "delivered", "read", "opened", "clicked", "replied", "answered", "undelivered"];

export type DispatchOutcome = "sent" | "deferred" | "suppressed" | "failed" | "skipped";

export async function dispatchMessage(
  db: Db,
  providers: ProviderRegistry,
  messageId: string,
  options: { now?: Date; finalAttempt?: boolean; dispatchedBy?: string } = {},
): Promise<DispatchOutcome> {
  const now = options.now ?? new Date();
  const decided = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ message: messages, runStatus: runs.status })
      .from(messages)
      .leftJoin(runs, eq(runs.id, messages.runId))
      .where(eq(messages.id, messageId))
      .for("update", { of: messages });
    if (!row) return { kind: "skip" as const };
    const { message, runStatus } = row;
    if (message.status === "sending") return { kind: "call" as const, message };
    if (message.status !== "pending" && message.status !== "deferred") return { kind: "skip" as const };
    if (runStatus === "completed" || runStatus === "exited") {
      // e.g. exitOn fired while the send waited out quiet hours: the journey no longer wants it.
      await setStatus(tx, message, "cancelled", now, { reason: "run_ended" });
      return { kind: "done" as const, outcome: "skipped" as const };
    }
    return decide(tx, message, now, options.dispatchedBy ?? null);
  });
  if (decided.kind === "skip") return "skipped";
  if (decided.kind === "done") return decided.outcome;

  const message = decided.message;
  const provider = await providers.forChannel(message.workspaceId, message.channel);
  let providerMessageId: string;
  try {
    ({ providerMessageId } = await provider.send({
      workspaceId: message.workspaceId,
      idempotencyKey: message.idempotencyKey,
      channel: message.channel,
      to: message.to!,
      ...(message.from ? { from: message.from } : {}),
      content: message.content as SendContent[typeof message.channel],
    }));
  } catch (error) {
    const permanent = error instanceof ProviderError && error.permanent;
    if (!permanent && !options.finalAttempt) throw error; // the job retries with the same key
    const reason = error instanceof ProviderError ? `provider_error${error.code ? `:${error.code}` : ""}` : "provider_unavailable";
    await db.transaction(async (tx) => {
      const row = await leaveSending(tx, message.id, "failed", now, { reason, provider: provider.name });
      if (row?.runId) await applyInput(tx, row.runId, { type: "dispatch", key: row.idempotencyKey, result: "failed", reason }, now);
    });
    return "failed";
  }

  await db.transaction(async (tx) => {
    const sent = await leaveSending(tx, message.id, "sent", now, { provider: provider.name, providerMessageId });
    if (!sent) return;
    if (sent.runId) await applyInput(tx, sent.runId, { type: "dispatch", key: sent.idempotencyKey, result: "sent" }, now);
    await applyEarlyReceipts(tx, sent, now);
  });
  return "sent";
}

type Decided = { kind: "call"; message: MessageRow } | { kind: "done"; outcome: DispatchOutcome };

async function decide(tx: Tx, message: MessageRow, now: Date, dispatchedBy: string | null): Promise<Decided> {
  const profileRow = await loadProfile(tx, message.profileId);
  const [consentFacts, senders, recent, policy] = await Promise.all([
    loadConsents(tx, message.profileId),
    message.channel === "sms" ? loadSenders(tx, message.workspaceId) : Promise.resolve([]),
    loadRecentSends(tx, message, policyWindowStart(now)),
    loadSendPolicy(tx, message.workspaceId),
  ]);
  const decision = decideSend({
    now,
    channel: message.channel,
    purpose: message.purpose,
    urgent: message.urgent,
    journeyQuietHours: message.quietHours,
    requestedSenderId: message.from,
    ...(message.fallbackOf ? { isFallbackOf: message.fallbackOf } : {}),
    profile: toProfileView(profileRow),
    consents: consentFacts,
    senders,
    recentSends: recent,
    policy,
  });
  const runInput = (result: "deferred" | "suppressed", reason: string, until?: Date) =>
    message.runId
      ? applyInput(tx, message.runId, { type: "dispatch", key: message.idempotencyKey, result, reason, ...(until ? { until: until.toISOString() } : {}) }, now)
      : null;

  switch (decision.action) {
    case "suppress":
      await setStatus(tx, message, "suppressed", now, { reason: decision.reason });
      await runInput("suppressed", decision.reason);
      return { kind: "done", outcome: "suppressed" };
    case "defer":
      // Deferred, not dropped: decided again in full when the window opens.
      await setStatus(tx, message, "deferred", now, { reason: decision.reason, deferredUntil: decision.until });
      await enqueue(tx, [
        { task: TASKS.dispatchMessage, payload: { messageId: message.id }, runAt: decision.until, jobKey: dispatchJobKey(message.idempotencyKey) },
      ]);
      await runInput("deferred", decision.reason, decision.until);
      return { kind: "done", outcome: "deferred" };
    case "allow": {
      const updated = await setStatus(tx, message, "sending", now, {
        to: decision.to,
        from: decision.senderId?.value ?? null,
        reason: null,
        dispatchedBy,
      });
      return { kind: "call", message: updated };
    }
    default: {
      const _exhaustive: never = decision;
      return _exhaustive;
    }
  }
}

/** Caps look back at most a week by default; a generous bound keeps the query small. */
function policyWindowStart(now: Date): Date {
  return new Date(now.getTime() - 31 * 86_400_000);
}

/** The workspace's SMS sender IDs, as the policy reads them (also used by the simulator). */
const SENDERS_TTL_MS = 5_000;
const sendersCache = new Map<string, { senders: SenderId[]; at: number }>();

/**
 * The workspace's sender IDs, cached for a few seconds like the send policy: read on every SMS,
 * changed rarely by an admin.
 */
export async function loadSenders(tx: Executor, workspaceId: string): Promise<SenderId[]> {
  const hit = sendersCache.get(workspaceId);
  if (hit && Date.now() - hit.at < SENDERS_TTL_MS) return hit.senders;
  const senders = await readSenders(tx, workspaceId);
  sendersCache.set(workspaceId, { senders, at: Date.now() });
  return senders;
}

async function readSenders(tx: Executor, workspaceId: string): Promise<SenderId[]> {
  // Oldest first: chooseSenderId breaks ties by list order.
  const rows = await tx.select().from(senderIds).where(eq(senderIds.workspaceId, workspaceId)).orderBy(asc(senderIds.createdAt));
  return rows.map((r) =>
    SenderIdSchema.parse({
      id: r.id,
      value: r.value,
      kind: r.kind,
      countries: r.countries.includes("*") ? "*" : r.countries,
      status: r.status,
      ...(r.purposes ? { purposes: r.purposes } : {}),
    }),
  );
}

async function loadRecentSends(tx: Tx, message: MessageRow, since: Date): Promise<RecentSend[]> {
  const rows = await tx
    .select({
      channel: messages.channel,
      purpose: messages.purpose,
      at: messages.updatedAt,
      key: messages.idempotencyKey,
      fallbackOf: messages.fallbackOf,
    })
    .from(messages)
    .where(and(eq(messages.profileId, message.profileId), inArray(messages.status, DISPATCHED), gt(messages.createdAt, since)));
  return rows.map((r) => ({ channel: r.channel, purpose: r.purpose, at: r.at, key: r.key, ...(r.fallbackOf ? { fallbackOf: r.fallbackOf } : {}) }));
}

/**
 * Moves a message out of `sending` in one statement; undefined when it had already left it
 * (a concurrent retry of the same job got there first), so nothing is applied twice.
 */
async function leaveSending(
  tx: Tx,
  messageId: string,
  status: "sent" | "failed",
  now: Date,
  extra: Partial<Pick<MessageRow, "reason" | "provider" | "providerMessageId">>,
): Promise<MessageRow | undefined> {
  const entry = { status, at: now.toISOString(), ...(extra.reason ? { reason: extra.reason } : {}) };
  const [row] = await tx
    .update(messages)
    .set({ ...extra, status, statusHistory: sql`${messages.statusHistory} || ${JSON.stringify([entry])}::text::jsonb`, updatedAt: now })
    .where(and(eq(messages.id, messageId), eq(messages.status, "sending")))
    .returning();
  return row;
}

export async function setStatus(
  tx: Tx,
  message: MessageRow,
  status: string,
  now: Date,
  extra: Partial<Pick<MessageRow, "reason" | "provider" | "providerMessageId" | "to" | "from" | "deferredUntil" | "dispatchedBy">> = {},
): Promise<MessageRow> {
  const entry = { status, at: now.toISOString(), ...(extra.reason ? { reason: extra.reason } : {}) };
  const [row] = await tx
    .update(messages)
    .set({
      ...extra,
      status,
      statusHistory: sql`${messages.statusHistory} || ${JSON.stringify([entry])}::text::jsonb`,
      updatedAt: now,
    })
    .where(eq(messages.id, message.id))
    .returning();
  return row!;
}

/** Receipts that beat our own `sent` commit wait in the inbox unmatched; apply them now. */
async function applyEarlyReceipts(tx: Tx, message: MessageRow, now: Date) {
  if (!message.provider || !message.providerMessageId) return;
  const early = await tx
    .update(messageReceipts)
    .set({ messageId: message.id })
    .where(
      and(
        eq(messageReceipts.provider, message.provider),
        eq(messageReceipts.providerMessageId, message.providerMessageId),
        isNull(messageReceipts.messageId),
        sql`(${messageReceipts.workspaceId} is null or ${messageReceipts.workspaceId} = ${message.workspaceId})`,
      ),
    )
    .returning();
  let current = message;
  for (const receipt of early.sort((a, b) => a.at.getTime() - b.at.getTime())) {
    current = await applyReceiptToMessage(tx, current, { status: receipt.status, at: receipt.at }, now);
  }
}
