/**
 * Immediate sends: the sends an API event causes are decided in the transaction that stores
 * the event, and the process that committed them hands them to their providers right after the
 * commit, with no hop through the worker's queue and no second decision transaction between an
 * OTP request and its SMS.
 *
 * The outbox guarantees stay. A message is committed `sending`, with its idempotency key, before
 * any call. Committed with it is a delayed dispatch job keyed to its batch, the only other
 * caller allowed (`dispatchJobId`): if this process dies, or a call fails transiently, that job
 * repeats the call with the same key (the provider deduplicates) and records it. Once every
 * message of a batch is recorded, the job is removed unrun.
 *
 * Only sends the policies allow at once take this path. A send to defer or suppress is left
 * `pending` for the dispatcher, which decides it again in full (same inputs, same answer) and
 * moves its run down the right output.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import type { messages } from "@/db/schema";
import type { ProviderRegistry } from "@/server/channels/registry";
import { createDispatcher, type Dispatcher, type OutgoingMessage } from "./dispatch-message";
import { TASKS, type JobSpec } from "./queue";
import { decide, type DecisionContext } from "./send-decisions";

/** How long the dispatch job waits before repeating a call this process has not recorded. */
export const IMMEDIATE_SEND_SAFETY_NET_MS = 15_000;
/** The safety net's attempts, as for any dispatch job. */
const SAFETY_NET_ATTEMPTS = 5;

export type ImmediateBatch = { jobKey: string; messages: OutgoingMessage[] };

type Relay = { dispatcher: Dispatcher; dispatchedBy: string };
const relays = new WeakMap<Db, Relay>();

/** From now on, events ingested through `db` send at once, through its providers (the API process does this). */
export function enableImmediateSends(db: Db, providersFor: (db: Db) => ProviderRegistry): void {
  if (!relays.has(db)) relays.set(db, { dispatcher: createDispatcher(db, providersFor(db)), dispatchedBy: `immediate:${randomUUID()}` });
}

type OpenTransaction = { relay: Relay; context: DecisionContext | null; batches: ImmediateBatch[] };
const open = new WeakMap<Tx, OpenTransaction>();

/**
 * Runs `write` in a transaction whose allowed sends go out right after it commits (when `db`
 * has immediate sends enabled; otherwise it is a plain transaction). The caller supplies the
 * decision context inside `write`, through `useDecisionContext`.
 */
export async function transactionWithImmediateSends<T>(db: Db, write: (tx: Tx) => Promise<T>): Promise<T> {
  const relay = relays.get(db);
  if (!relay) return db.transaction(write);
  let committed: OpenTransaction | undefined;
  const result = await db.transaction(async (tx) => {
    committed = { relay, context: null, batches: [] };
    open.set(tx, committed);
    return write(tx);
  });
  for (const batch of committed!.batches) void relayBatch(db, relay, batch);
  return result;
}

/** Whether sends created in `tx` may be decided at once (the caller then loads their context). */
export const decidesSendsAtOnce = (tx: Tx): boolean => open.has(tx);

/** The decision context for the profiles whose sends `tx` may create; merged with any given before. */
export function useDecisionContext(tx: Tx, context: DecisionContext): void {
  const state = open.get(tx);
  if (!state) return;
  if (!state.context) {
    state.context = context;
    return;
  }
  for (const key of ["profiles", "consents", "recent", "policies", "senders"] as const) {
    for (const [id, value] of context[key]) (state.context[key] as Map<string, unknown>).set(id, value);
  }
}

type NewMessage = typeof messages.$inferInsert & { id: string };

/**
 * For persistEffects: moves the new messages the policies allow at once to `sending`, in
 * place, and returns the safety-net job covering them (null when none). `inserted` later says
 * which rows the insert really added; only those are called.
 */
export function allowImmediately(tx: Tx, rows: NewMessage[], now: Date): { job: JobSpec | null; inserted: (ids: ReadonlySet<string>) => void } {
  const state = open.get(tx);
  const none = { job: null, inserted: () => {} };
  if (!state?.context) return none;
  const context = state.context;
  const jobKey = `dispatch:immediate:${randomUUID()}`;
  const allowed: NewMessage[] = [];
  for (const row of rows) {
    if (!context.profiles.has(row.profileId)) continue;
    const decision = decide(
      {
        profileId: row.profileId,
        workspaceId: row.workspaceId,
        channel: row.channel,
        purpose: row.purpose,
        urgent: row.urgent ?? false,
        quietHours: row.quietHours ?? "marketing",
        from: row.from ?? null,
        fallbackOf: row.fallbackOf ?? null,
        idempotencyKey: row.idempotencyKey,
      },
      context,
      now,
    );
    if (decision.action !== "allow") continue;
    row.status = "sending";
    row.statusHistory = [...(row.statusHistory ?? []), { status: "sending", at: now.toISOString() }];
    row.to = decision.to;
    row.from = decision.senderId?.value ?? null;
    row.dispatchedBy = state.relay.dispatchedBy;
    row.dispatchJobId = jobKey;
    allowed.push(row);
  }
  if (allowed.length === 0) return none;
  return {
    job: {
      task: TASKS.dispatchMessage,
      payload: { messageIds: allowed.map((m) => m.id) },
      jobKey,
      runAt: new Date(now.getTime() + IMMEDIATE_SEND_SAFETY_NET_MS),
      maxAttempts: SAFETY_NET_ATTEMPTS,
    },
    inserted: (ids) => {
      const messages = allowed.filter((m) => ids.has(m.id));
      if (messages.length > 0) {
        state.batches.push({
          jobKey,
          messages: messages.map((m) => ({ id: m.id, workspaceId: m.workspaceId, channel: m.channel, idempotencyKey: m.idempotencyKey, to: m.to!, from: m.from ?? null, content: m.content })),
        });
      }
    },
  };
}

/** Calls and records a committed batch; with all recorded, its safety net is not needed. */
async function relayBatch(db: Db, relay: Relay, batch: ImmediateBatch): Promise<void> {
  const outcomes = await Promise.allSettled(batch.messages.map((message) => relay.dispatcher.send(message)));
  // A failure leaves its message `sending` for the safety net, which repeats the call.
  if (outcomes.some((o) => o.status === "rejected")) return;
  await db.execute(sql`select graphile_worker.remove_job(${batch.jobKey})`).catch(() => {});
}
