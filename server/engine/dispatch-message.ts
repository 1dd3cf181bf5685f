/**
 * Takes messages out of the outbox: decides each under the workspace's policies (consent,
 * sender ID, caps, quiet hours), then hands it to its provider with its idempotency key.
 *
 * The message row is the dedupe log. It moves pending → (deferred →) sending → sent, and
 * `sending` is committed before the provider is called: a crash after that point retries the
 * call with the same key (the provider deduplicates), never a new decision or a new message.
 *
 * Messages are dispatched in batches (one decide transaction and one record transaction for
 * many, provider calls in parallel between them); the worker's jobs (one per batch of new
 * messages) feed the stages through group committers, and each message's answer goes back to
 * its own job, which succeeds or retries. Only the job that committed `sending` calls again.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { messages, runs } from "@/db/schema";
import { ProviderError } from "@/server/channels/provider";
import type { ProviderRegistry } from "@/server/channels/registry";
import type { RunInput } from "@/server/journey/run-state";
import type { SendContent } from "@/server/journey/schema";
import { applyInputs, type RunInputFor } from "./apply-input";
import { createGroupCommitter } from "./group-commit";
import { moved, setStatuses, type MessageRow } from "./message-status";
import { dispatchJobKey, enqueue, TASKS, type JobSpec } from "./queue";
import { applyReceipts } from "./receipts";
import { decide, loadDecisionContext } from "./send-decisions";
import { anyOf, recordset } from "./sql-sets";

export type DispatchOutcome = "sent" | "deferred" | "suppressed" | "failed" | "skipped";
export type DispatchRequest = {
  messageId: string;
  /** The dispatch job asking: a message this job left `sending` is its own unfinished call, to repeat. */
  jobId?: string;
  /** The asking job's key: a batch sent at once names its safety-net job by key (immediate-sends.ts). */
  jobKey?: string;
  finalAttempt?: boolean;
  dispatchedBy?: string;
}

/** One message, as its own batch; a transient provider error is thrown (the job retries). */
export async function dispatchMessage(
  db: Db,
  providers: ProviderRegistry,
  messageId: string,
  options: { now?: Date; jobId?: string; finalAttempt?: boolean; dispatchedBy?: string } = {},
): Promise<DispatchOutcome> {
  const [outcome] = await dispatchMessages(db, providers, [{ messageId, ...options }], options.now);
  if (outcome instanceof Error) throw outcome;
  return outcome!;
}

const MAX_BATCH = 100;
const MAX_CONCURRENT_BATCHES = 4;
/**
 * Results are recorded one batch at a time: nothing waits on a record to send, and what comes
 * in meanwhile makes the next batch bigger (p99 event→send at 500/s 104–108 ms, against
 * 127–139 with four in flight).
 */
const MAX_CONCURRENT_RECORDS = 1;

/**
 * Jobs' messages, group-committed stage by stage: decisions in batches, provider calls each on
 * its own, the calls' results recorded in batches. The stages overlap, so a batch being recorded
 * never holds back the next decisions (and the sends they let out); each message's promise
 * resolves (or rejects) once its result is recorded.
 */
export function createDispatcher(db: Db, providers: ProviderRegistry) {
  const deciding = createGroupCommitter<DispatchRequest, Decided>({
    write: (requests) => decideBatch(db, requests, new Date()),
    keys: (r) => [r.messageId],
    maxBatch: MAX_BATCH,
    maxConcurrent: MAX_CONCURRENT_BATCHES,
  });
  const recording = createGroupCommitter<CallResult, DispatchOutcome>({
    write: (calls) => db.transaction((tx) => recordCalls(tx, calls, new Date())),
    keys: (c) => [c.messageId],
    maxBatch: MAX_BATCH,
    maxConcurrent: MAX_CONCURRENT_RECORDS,
  });
  const callAndRecord = async (message: OutgoingMessage, finalAttempt: boolean): Promise<DispatchOutcome> => {
    const call = await callProvider(providers, message, finalAttempt);
    if (call instanceof Error) throw call;
    return recording.submit(call);
  };
  return {
    dispatch: async (request: DispatchRequest): Promise<DispatchOutcome> => {
      const decided = await deciding.submit(request);
      if (typeof decided === "string") return decided;
      return callAndRecord(decided, request.finalAttempt ?? false);
    },
    send: (message: OutgoingMessage) => callAndRecord(message, false),
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

/** Outcome per request, in order; an Error where the provider failed transiently. One batch through every stage. */
export async function dispatchMessages(
  db: Db,
  providers: ProviderRegistry,
  requests: readonly DispatchRequest[],
  now = new Date(),
): Promise<(DispatchOutcome | Error)[]> {
  const decided = await decideBatch(db, requests, now);
  const calls = await Promise.all(
    decided.map((d, i) => (typeof d === "string" ? d : callProvider(providers, d, requests[i]!.finalAttempt ?? false))),
  );
  const finished = calls.filter((c): c is CallResult => typeof c === "object" && !(c instanceof Error));
  let recorded: (DispatchOutcome | Error)[] = [];
  try {
    recorded = finished.length > 0 ? await db.transaction((tx) => recordCalls(tx, finished, now)) : [];
  } catch (error) {
    // The calls happened and the messages stay `sending`: each job retries, repeating its call
    // with the same key (the provider deduplicates) and recording it then.
    recorded = finished.map(() => (error instanceof Error ? error : new Error(String(error))));
  }
  const outcomeOf = new Map(finished.map((c, i) => [c, recorded[i]!]));
  return calls.map((c) => (typeof c === "string" || c instanceof Error ? c : outcomeOf.get(c)!));
}

/** A message the decision let out, to call its provider with; otherwise what became of it. */
type Decided = DispatchOutcome | MessageRow;

async function decideBatch(db: Db, requests: readonly DispatchRequest[], now: Date): Promise<Decided[]> {
  const decided: Decided[] = requests.map(() => "skipped");
  const toCall = await db.transaction((tx) => decideAll(tx, requests, decided, now));
  for (const { index, message } of toCall) decided[index] = message;
  return decided;
}

/** What a provider call needs of a message committed `sending`. */
export type OutgoingMessage = Pick<MessageRow, "id" | "workspaceId" | "channel" | "idempotencyKey" | "to" | "from" | "content">;

/** Hands one message to its provider: its result to record, or the transient Error the job retries on. */
async function callProvider(providers: ProviderRegistry, message: OutgoingMessage, finalAttempt: boolean): Promise<CallResult | Error> {
  let providerName = "unknown";
  try {
    const provider = await providers.forChannel(message.workspaceId, message.channel);
    providerName = provider.name;
    const { providerMessageId } = await provider.send({
      workspaceId: message.workspaceId,
      idempotencyKey: message.idempotencyKey,
      channel: message.channel,
      to: message.to!,
      ...(message.from ? { from: message.from } : {}),
      content: message.content as SendContent[typeof message.channel],
    });
    return { messageId: message.id, status: "sent", provider: providerName, providerMessageId, reason: null };
  } catch (error) {
    const permanent = error instanceof ProviderError && error.permanent;
    // The job retries with the same key; the message stays `sending`.
    if (!permanent && !finalAttempt) return error instanceof Error ? error : new Error(String(error));
    const reason = error instanceof ProviderError ? `provider_error${error.code ? `:${error.code}` : ""}` : "provider_unavailable";
    return { messageId: message.id, status: "failed", provider: providerName, providerMessageId: null, reason };
  }
}

type ToCall = { index: number; message: MessageRow };

/** Locks the batch's messages, decides the new ones, and commits `sending` for those to call. */
async function decideAll(tx: Tx, requests: readonly DispatchRequest[], outcomes: Decided[], now: Date): Promise<ToCall[]> {
  const rows = await tx
    .select({ message: messages, runStatus: runs.status })
    .from(messages)
    .leftJoin(runs, eq(runs.id, messages.runId))
    .where(
      anyOf(
        messages.id,
        requests.map((r) => r.messageId),
      ),
    )
    .orderBy(asc(messages.id))
    .for("update", { of: messages });
  const byId = new Map(rows.map((r) => [r.message.id, r]));

  const toCall: ToCall[] = [];
  const toDecide: { index: number; message: MessageRow }[] = [];
  const updates: MessageRow[] = [];
  requests.forEach((request, index) => {
    const row = byId.get(request.messageId);
    if (!row) return;
    const { message, runStatus } = row;
    if (message.status === "sending") {
      // Repeated only by the job whose call it is (a retry after a crash or a transient error);
      // any other job would put a second call in flight.
      const owner = message.dispatchJobId;
      if (owner !== null && (owner === request.jobId || owner === request.jobKey)) toCall.push({ index, message });
    }
    else if (message.status !== "pending" && message.status !== "deferred") return;
    else if (runStatus === "completed" || runStatus === "exited") {
      // e.g. exitOn fired while the send waited out quiet hours: the journey no longer wants it.
      updates.push(moved(message, "cancelled", now, { reason: "run_ended" }));
    } else toDecide.push({ index, message });
  });

  const context = await loadDecisionContext(
    tx,
    toDecide.map((d) => d.message.profileId),
    toDecide.map((d) => d.message.workspaceId),
    new Set(toDecide.flatMap((d) => (d.message.channel === "sms" ? [d.message.workspaceId] : []))),
    now,
  );

  const deferrals: JobSpec[] = [];
  const runInputs: RunInputFor[] = [];
  for (const { index, message } of toDecide) {
    const decision = decide(message, context, now);
    const runInput = (input: Extract<RunInput, { type: "dispatch" }>) => {
      if (message.runId) runInputs.push({ runId: message.runId, input });
    };
    switch (decision.action) {
      case "suppress":
        updates.push(moved(message, "suppressed", now, { reason: decision.reason }));
        runInput({ type: "dispatch", key: message.idempotencyKey, result: "suppressed", reason: decision.reason });
        outcomes[index] = "suppressed";
        break;
      case "defer":
        // Deferred, not dropped: decided again in full when the window opens.
        updates.push(moved(message, "deferred", now, { reason: decision.reason, deferredUntil: decision.until }));
        deferrals.push({ task: TASKS.dispatchMessage, payload: { messageIds: [message.id] }, runAt: decision.until, jobKey: dispatchJobKey(message.idempotencyKey) });
        runInput({ type: "dispatch", key: message.idempotencyKey, result: "deferred", reason: decision.reason, until: decision.until.toISOString() });
        outcomes[index] = "deferred";
        break;
      case "allow": {
        const sending = moved(message, "sending", now, {
          to: decision.to,
          from: decision.senderId?.value ?? null,
          reason: null,
          dispatchedBy: requests[index]!.dispatchedBy ?? null,
          dispatchJobId: requests[index]!.jobId ?? null,
        });
        updates.push(sending);
        toCall.push({ index, message: sending });
        break;
      }
      default: {
        const _exhaustive: never = decision;
        return _exhaustive;
      }
    }
  }
  // Independent writes, sent together (one round trip).
  await Promise.all([setStatuses(tx, updates), enqueue(tx, deferrals), applyInputs(tx, runInputs, now)]);
  return toCall;
}

type CallResult = {
  messageId: string;
  status: "sent" | "failed";
  provider: string;
  providerMessageId: string | null;
  reason: string | null;
};

/**
 * Moves the called messages out of `sending` in one statement; a message that already left it
 * (a concurrent retry of the same job got there first) is not returned, so nothing is applied
 * twice. The same statement matches the receipts that beat our `sent` to the messages it moved
 * (they wait in the inbox unmatched). Then the runs hear how their sends went, and after that
 * the early receipts are applied.
 */
async function recordCalls(tx: Tx, calls: readonly CallResult[], now: Date): Promise<DispatchOutcome[]> {
  const values = calls.map((c) => ({
    id: c.messageId,
    status: c.status,
    entry: { status: c.status, at: now.toISOString(), ...(c.reason ? { reason: c.reason } : {}) },
    reason: c.reason,
    provider: c.provider,
    provider_message_id: c.providerMessageId,
  }));
  const left = await tx.execute<{ id: string; run_id: string | null; idempotency_key: string; status: string; reason: string | null; early: EarlyReceipt[] }>(sql`
    with moved as (
      update messages m set
        status = u.status, status_history = m.status_history || jsonb_build_array(u.entry),
        reason = case when u.status = 'failed' then u.reason else m.reason end,
        provider = u.provider, provider_message_id = coalesce(u.provider_message_id, m.provider_message_id),
        updated_at = ${now.toISOString()}::timestamptz
      from ${recordset(values, "u", "id uuid, status text, entry jsonb, reason text, provider text, provider_message_id text")}
      where m.id = u.id and m.status = 'sending'
      returning m.id, m.run_id, m.idempotency_key, m.status, m.reason, m.provider, m.provider_message_id, m.workspace_id
    ), early as (
      update message_receipts r set message_id = mv.id
      from moved mv
      where mv.status = 'sent' and r.provider = mv.provider and r.provider_message_id = mv.provider_message_id and r.message_id is null
        and (r.workspace_id is null or r.workspace_id = mv.workspace_id)
      returning r.message_id, r.status, r.at
    )
    select mv.id, mv.run_id, mv.idempotency_key, mv.status, mv.reason,
      (select coalesce(jsonb_agg(jsonb_build_object('message_id', e.message_id, 'status', e.status, 'at', e.at)), '[]'::jsonb)
       from early e where e.message_id = mv.id) as early
    from moved mv`);
  const recorded = new Map(left.map((row) => [row.id, row.status as "sent" | "failed"]));
  const early = left.flatMap((row) => row.early);
  await applyInputs(
    tx,
    left.flatMap((m) =>
      m.run_id
        ? [
            {
              runId: m.run_id,
              input:
                m.status === "sent"
                  ? { type: "dispatch" as const, key: m.idempotency_key, result: "sent" as const }
                  : { type: "dispatch" as const, key: m.idempotency_key, result: "failed" as const, reason: m.reason ?? "provider_error" },
            },
          ]
        : [],
    ),
    now,
    // Unless early receipts follow, the runs' writes are the last and carry the COMMIT.
    { commit: early.length === 0 },
  );
  await applyEarlyReceipts(tx, early, now);
  return calls.map((c) => recorded.get(c.messageId) ?? "skipped");
}

type EarlyReceipt = { message_id: string; status: string; at: string };

/** Applies the early receipts just matched, oldest first (their messages are locked: this transaction moved them). */
async function applyEarlyReceipts(tx: Tx, early: readonly EarlyReceipt[], now: Date) {
  if (early.length === 0) return;
  const locked = new Map(
    (await tx.select().from(messages).where(anyOf(messages.id, early.map((r) => r.message_id)))).map((m) => [m.id, m]),
  );
  const ordered = [...early].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  await applyReceipts(
    tx,
    ordered.map((r) => ({ message: locked.get(r.message_id)!, receipt: { status: r.status, at: new Date(r.at) } })),
    now,
  );
}
