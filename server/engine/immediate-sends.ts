/**
 * Immediate sends: the sends an API event causes are decided in the transaction that stores
 * the event, and the process that committed them hands them to their providers right after the
 * commit, with no hop through the worker's queue and no second decision transaction between an
 * OTP request and its SMS.
 *
 * The outbox guarantees stay. A message is committed `sending`, with its idempotency key, before
 * any call, and owned (`dispatchJobId`) by a delayed dispatch job, the only other caller
 * allowed: if this process dies, or a call fails transiently, that job repeats the call with the
 * same key (the provider deduplicates) and records it. One such job covers every immediate send
 * of this process in a few seconds' window: it is added with the window's first transaction and
 * finds what it owns by an index when it runs, so most transactions add no job at all.
 *
 * Only sends the policies allow at once take this path. A send to defer or suppress is left
 * `pending` for the dispatcher, which decides it again in full (same inputs, same answer) and
 * moves its run down the right output.
 */
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/db/client";
import type { messages } from "@/db/schema";
import type { ProviderRegistry } from "@/server/channels/registry";
import { createDispatcher, type Dispatcher, type OutgoingMessage } from "./dispatch-message";
import { TASKS, type JobSpec } from "./queue";
import { decide, type DecisionContext } from "./send-decisions";

/** How long after its window the dispatch job repeats the calls this process has not recorded. */
export const IMMEDIATE_SEND_SAFETY_NET_MS = 15_000;
/** The sends one safety-net job covers: those decided within one window of this length. */
const SAFETY_NET_WINDOW_MS = 5_000;
/** The safety net's attempts, as for any dispatch job. */
const SAFETY_NET_ATTEMPTS = 5;

export type ImmediateBatch = { messages: OutgoingMessage[] };

type Relay = {
  dispatcher: Dispatcher;
  dispatchedBy: string;
  /** Safety-net jobs known committed, by key: later transactions in their window add none. */
  committedJobs: Set<string>;
};
const relays = new WeakMap<Db, Relay>();

/** From now on, events ingested through `db` send at once, through its providers (the API process does this). */
export function enableImmediateSends(db: Db, providersFor: (db: Db) => ProviderRegistry): void {
  if (!relays.has(db)) {
    relays.set(db, { dispatcher: createDispatcher(db, providersFor(db)), dispatchedBy: `immediate:${randomUUID()}`, committedJobs: new Set() });
  }
}

type OpenTransaction = { relay: Relay; context: DecisionContext | null; batches: ImmediateBatch[]; jobsAdded: Set<string> };
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
    committed = { relay, context: null, batches: [], jobsAdded: new Set() };
    open.set(tx, committed);
    return write(tx);
  });
  for (const key of committed!.jobsAdded) rememberJob(relay, key);
  for (const batch of committed!.batches) void relayBatch(relay, batch);
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
  // Wall-clock time, not the step's `now` (a test may inject a past one): the net must not fire
  // while this process's own call may still be in flight.
  const windowEnd = Math.ceil((Date.now() + 1) / SAFETY_NET_WINDOW_MS) * SAFETY_NET_WINDOW_MS;
  const jobKey = `${IMMEDIATE_OWNER_PREFIX}${state.relay.dispatchedBy}:${windowEnd}`;
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
  const needsJob = !state.relay.committedJobs.has(jobKey) && !state.jobsAdded.has(jobKey);
  state.jobsAdded.add(jobKey);
  return {
    job: needsJob
      ? { task: TASKS.dispatchMessage, payload: { owner: jobKey }, jobKey, runAt: new Date(windowEnd + IMMEDIATE_SEND_SAFETY_NET_MS), maxAttempts: SAFETY_NET_ATTEMPTS }
      : null,
    inserted: (ids) => {
      const messages = allowed.filter((m) => ids.has(m.id));
      if (messages.length > 0) {
        state.batches.push({
          messages: messages.map((m) => ({ id: m.id, workspaceId: m.workspaceId, channel: m.channel, idempotencyKey: m.idempotencyKey, to: m.to!, from: m.from ?? null, content: m.content })),
        });
      }
    },
  };
}

/** Safety-net jobs are owners' keys with this prefix (the dispatch task looks their messages up). */
const IMMEDIATE_OWNER_PREFIX = "dispatch:immediate:";

/** Windows end every few seconds; keys of ended windows are dropped as new ones come. */
function rememberJob(relay: Relay, key: string) {
  relay.committedJobs.add(key);
  if (relay.committedJobs.size > 16) relay.committedJobs.delete(relay.committedJobs.values().next().value!);
}

/** Calls and records a committed batch; a failure leaves its message `sending` for the safety net. */
async function relayBatch(relay: Relay, batch: ImmediateBatch): Promise<void> {
  await Promise.allSettled(batch.messages.map((message) => relay.dispatcher.send(message)));
}
