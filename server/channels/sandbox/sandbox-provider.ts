/**
 * The sandbox: the default provider of every channel. It sends nothing outside; it records each
 * message (deduplicated on the idempotency key, like a real provider that supports keys) and
 * reports receipts through the same path real webhooks use: `delivered` after about a second,
 * then `read` or `opened` where the channel has it — unless a test scripted the next outcome for
 * that address through `/api/v1/sandbox/outcomes`.
 */
import { randomUUID } from "node:crypto";
import { and, asc, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Executor, Tx } from "@/db/client";
import { sandboxScripts, type PendingReceipt } from "@/db/schema";
import { createGroupCommitter } from "@/server/engine/group-commit";
import { CHANNELS, type Channel } from "@/server/journey/schema";
import type { ChannelProvider, OutboundMessage, SendResult } from "../provider";
import { sandboxReceiptPlan, type SandboxScriptedOutcome } from "./receipt-plan";
import { SANDBOX, setPendingReceipts } from "./sandbox-receipts";
import { anyOf, recordset } from "@/server/engine/sql-sets";

export { SANDBOX };

export function createSandboxProvider(db: Db, options: { latencyMs: number } = { latencyMs: 0 }): ChannelProvider {
  // Like a network round trip: half before the provider has the message, half after.
  const wait = () => (options.latencyMs > 0 ? new Promise((r) => setTimeout(r, options.latencyMs / 2)) : Promise.resolve());
  // Concurrent sends are recorded together, like a provider's API under load.
  const recorder = createGroupCommitter<OutboundMessage, SendResult>({
    write: (batch) => record(db, batch),
    // Sends to one address keep their order, so scripted outcomes are taken oldest first.
    keys: (m) => [m.idempotencyKey, `to:${m.workspaceId}:${m.channel}:${m.to}`],
    maxBatch: 100,
    maxConcurrent: 2,
    // A provider answers its callers without a queue: a few waiting sends start a second batch.
    overlapFrom: 4,
  });
  return {
    name: SANDBOX,
    channels: CHANNELS,
    deduplicates: true,
    async send(message: OutboundMessage): Promise<SendResult> {
      await wait();
      const result = await recorder.submit(message);
      await wait();
      return result;
    },
  };
}

type MessageValues = ReturnType<typeof messageValues>[number];

/** The batch's rows, each with the default receipt plan. */
function messageValues(batch: readonly OutboundMessage[], now: number) {
  return batch.map((message) => {
    // Ids are made here so the plan's event ids can name them; a repeated key keeps its first id.
    const id = randomUUID();
    const receipts = receiptPlan(id, message, undefined, now);
    return {
      id,
      workspace_id: message.workspaceId,
      idempotency_key: message.idempotencyKey,
      channel: message.channel,
      to: message.to,
      from: message.from ?? null,
      content: message.content,
      pending_receipts: receipts,
      next_receipt_at: receipts[0]?.at ?? null,
    };
  });
}

function receiptPlan(id: string, message: OutboundMessage, script: SandboxScript | undefined, now: number): PendingReceipt[] {
  return sandboxReceiptPlan(message.channel, script ? { outcome: script.outcome, afterMs: script.afterMs } : null).map((r, n) => ({
    status: r.status,
    at: new Date(now + r.afterMs).toISOString(),
    eventId: `${id}:${n}:${r.status}`,
  }));
}

/**
 * Inserts the batch with default plans; a repeated key counts a call and keeps its row. With
 * `unlessScripted`, nothing is inserted if a script is open for one of the batch's addresses.
 */
function insertMessages(db: Executor, values: readonly MessageValues[], unlessScripted: boolean) {
  const unscripted = unlessScripted
    ? sql`where not exists (
        select 1 from sandbox_scripts s
        where s.workspace_id = any(${sql.param([...new Set(values.map((v) => v.workspace_id))])}::uuid[])
          and s."to" = any(${sql.param([...new Set(values.map((v) => v.to))])}::text[]) and s.consumed_at is null)`
    : sql``;
  return db.execute<{ id: string; calls: number; key: string }>(sql`
    insert into sandbox_messages (id, workspace_id, idempotency_key, channel, "to", "from", content, pending_receipts, next_receipt_at)
    select id, workspace_id, idempotency_key, channel::channel, "to", "from", content, pending_receipts, next_receipt_at
    from ${recordset(values, "m", `id uuid, workspace_id uuid, idempotency_key text, channel text, "to" text, "from" text, content jsonb, pending_receipts jsonb, next_receipt_at timestamptz`)}
    ${unscripted}
    on conflict (idempotency_key) do update set calls = sandbox_messages.calls + 1
    returning id, calls, idempotency_key as key`);
}

/**
 * Records a batch. Usually that is one statement, committed on its own (no BEGIN or COMMIT to
 * wait for): when no script is open for the batch's addresses, every message goes in with the
 * default plan. Otherwise that statement writes nothing, and a transaction takes the scripts.
 */
async function record(db: Db, batch: readonly OutboundMessage[]): Promise<SendResult[]> {
  const now = Date.now();
  const values = messageValues(batch, now);
  const rows = await insertMessages(db, values, true);
  if (rows.length === 0) return db.transaction((tx) => recordScripted(tx, batch, values, now));
  const idOf = new Map(rows.map((r) => [r.key, r.id]));
  return batch.map((m) => ({ providerMessageId: idOf.get(m.idempotencyKey)! }));
}

/**
 * Records a batch while scripts are open for its addresses: each message goes in with the
 * default plan while the scripts are read (and locked), then each new message that has a script
 * gets that script's plan, and the script is consumed.
 */
async function recordScripted(tx: Tx, batch: readonly OutboundMessage[], values: readonly MessageValues[], now: number): Promise<SendResult[]> {
  const [rows, open] = await Promise.all([insertMessages(tx, values, false), openScripts(tx, batch)]);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  // A retry with the same key is the same message: same id, no second set of receipts.
  const fresh = batch.filter((m) => byKey.get(m.idempotencyKey)!.calls === 1);
  const scripted = takeScripts(fresh, open).flatMap((script, i) => {
    if (!script) return [];
    const message = fresh[i]!;
    const id = byKey.get(message.idempotencyKey)!.id;
    return [{ script, id, receipts: receiptPlan(id, message, script, now) }];
  });
  if (scripted.length > 0) {
    await Promise.all([
      tx.update(sandboxScripts).set({ consumedAt: new Date(now) }).where(inArray(sandboxScripts.id, scripted.map((s) => s.script.id))),
      setPendingReceipts(tx, scripted),
    ]);
  }
  return batch.map((m) => ({ providerMessageId: byKey.get(m.idempotencyKey)!.id }));
}

type SandboxScript = typeof sandboxScripts.$inferSelect;

/** The unconsumed scripts for the batch's addresses, oldest first, locked. */
async function openScripts(tx: Tx, batch: readonly OutboundMessage[]): Promise<SandboxScript[]> {
  return tx
    .select()
    .from(sandboxScripts)
    .where(
      and(
        anyOf(sandboxScripts.workspaceId, batch.map((m) => m.workspaceId)),
        anyOf(sandboxScripts.to, batch.map((m) => m.to)),
        isNull(sandboxScripts.consumedAt),
      ),
    )
    .orderBy(asc(sandboxScripts.id))
    // Waits for another process's batch to the same address instead of skipping its scripts.
    .for("update");
}

/** The oldest open script for each message's address (one each, in order). */
function takeScripts(batch: readonly OutboundMessage[], open: SandboxScript[]): (SandboxScript | undefined)[] {
  const left = [...open];
  return batch.map((m) => {
    const i = left.findIndex((s) => s.workspaceId === m.workspaceId && s.channel === m.channel && s.to === m.to);
    return i < 0 ? undefined : left.splice(i, 1)[0];
  });
}

export async function scriptSandboxOutcome(
  db: Db,
  workspaceId: string,
  input: { channel: Channel; to: string; outcome: SandboxScriptedOutcome; afterMs?: number },
) {
  const [row] = await db
    .insert(sandboxScripts)
    .values({ workspaceId, channel: input.channel, to: input.to, outcome: input.outcome, afterMs: input.afterMs ?? 1000 })
    .returning();
  return row!;
}
