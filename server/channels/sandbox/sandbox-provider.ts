/**
 * The sandbox: the default provider of every channel. It sends nothing outside; it records each
 * message (deduplicated on the idempotency key, like a real provider that supports keys) and
 * reports receipts through the same path real webhooks use: `delivered` after about a second,
 * then `read` or `opened` where the channel has it — unless a test scripted the next outcome for
 * that address through `/api/v1/sandbox/outcomes`.
 */
import { and, asc, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { sandboxScripts, type PendingReceipt } from "@/db/schema";
import { createGroupCommitter } from "@/server/engine/group-commit";
import { CHANNELS, type Channel } from "@/server/journey/schema";
import type { ChannelProvider, OutboundMessage, SendResult } from "../provider";
import { sandboxReceiptPlan, type SandboxScriptedOutcome } from "./receipt-plan";
import { rememberWindow, SANDBOX, scheduleDelivery, setPendingReceipts } from "./sandbox-receipts";
import { anyOf, recordset } from "@/server/engine/sql-sets";

export { SANDBOX };

export function createSandboxProvider(db: Db, options: { latencyMs: number } = { latencyMs: 0 }): ChannelProvider {
  // Like a network round trip: half before the provider has the message, half after.
  const wait = () => (options.latencyMs > 0 ? new Promise((r) => setTimeout(r, options.latencyMs / 2)) : Promise.resolve());
  // Receipt windows whose delivery job a committed batch of this sandbox has already added.
  const scheduled = new Set<string>();
  // Concurrent sends are recorded together, like a provider's API under load, in one transaction.
  const recorder = createGroupCommitter<OutboundMessage, SendResult>({
    write: async (batch) => {
      const added = new Set<string>();
      const results = await db.transaction((tx) => record(tx, batch, scheduled, added));
      for (const key of added) rememberWindow(scheduled, key);
      return results;
    },
    // Sends to one address keep their order, so scripted outcomes are taken oldest first.
    keys: (m) => [m.idempotencyKey, `to:${m.workspaceId}:${m.channel}:${m.to}`],
    maxBatch: 100,
    maxConcurrent: 2,
    // A second batch overlaps the first only for a crowd: a stream of sends joins the next one.
    overlapFrom: 16,
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

async function record(tx: Tx, batch: readonly OutboundMessage[], scheduled: ReadonlySet<string>, added: Set<string>): Promise<SendResult[]> {
  const values = batch.map((message) => ({
    workspace_id: message.workspaceId,
    idempotency_key: message.idempotencyKey,
    channel: message.channel,
    to: message.to,
    from: message.from ?? null,
    content: message.content,
  }));
  const rows = await tx.execute<{ id: string; calls: number; key: string }>(sql`
    insert into sandbox_messages (workspace_id, idempotency_key, channel, "to", "from", content)
    select workspace_id, idempotency_key, channel::channel, "to", "from", content
    from ${recordset(values, "m", `workspace_id uuid, idempotency_key text, channel text, "to" text, "from" text, content jsonb`)}
    on conflict (idempotency_key) do update set calls = sandbox_messages.calls + 1
    returning id, calls, idempotency_key as key`);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  // A retry with the same key is the same message: same id, no second set of receipts.
  const fresh = batch.filter((m) => byKey.get(m.idempotencyKey)!.calls === 1);
  const scripts = await takeScripts(tx, fresh);

  const now = Date.now();
  const plans = fresh.map((message, i) => {
    const id = byKey.get(message.idempotencyKey)!.id;
    const script = scripts[i];
    const receipts: PendingReceipt[] = sandboxReceiptPlan(message.channel, script ? { outcome: script.outcome, afterMs: script.afterMs } : null).map((r, n) => ({
      status: r.status,
      at: new Date(now + r.afterMs).toISOString(),
      eventId: `${id}:${n}:${r.status}`,
    }));
    return { id, receipts };
  });
  await Promise.all([setPendingReceipts(tx, plans), scheduleDelivery(tx, plans.flatMap((p) => p.receipts.slice(0, 1).map((r) => r.at)), scheduled, added)]);
  return batch.map((m) => ({ providerMessageId: byKey.get(m.idempotencyKey)!.id }));
}

/** The oldest unconsumed script for each message's address (one each, in order), consumed. */
async function takeScripts(tx: Tx, batch: readonly OutboundMessage[]) {
  if (batch.length === 0) return [];
  const open = await tx
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
  const taken = batch.map((m) => {
    const i = open.findIndex((s) => s.workspaceId === m.workspaceId && s.channel === m.channel && s.to === m.to);
    return i < 0 ? undefined : open.splice(i, 1)[0];
  });
  const ids = taken.flatMap((s) => (s ? [s.id] : []));
  if (ids.length > 0) await tx.update(sandboxScripts).set({ consumedAt: new Date() }).where(inArray(sandboxScripts.id, ids));
  return taken;
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
