/**
 * The sandbox: the default provider of every channel. It sends nothing outside; it records each
 * message (deduplicated on the idempotency key, like a real provider that supports keys) and
 * reports receipts through the same path real webhooks use: `delivered` after about a second,
 * then `read` or `opened` where the channel has it — unless a test scripted the next outcome for
 * that address through `/api/v1/sandbox/outcomes`.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sandboxMessages, sandboxScripts } from "@/db/schema";
import { enqueue, TASKS, type JobSpec } from "@/server/engine/queue";
import { CHANNELS, type Channel } from "@/server/journey/schema";
import type { ChannelProvider, OutboundMessage, SendResult } from "../provider";
import { sandboxReceiptPlan, type SandboxScriptedOutcome } from "./receipt-plan";

export const SANDBOX = "sandbox";

export function createSandboxProvider(db: Db, options: { latencyMs: number } = { latencyMs: 0 }): ChannelProvider {
  // Like a network round trip: half before the provider has the message, half after.
  const wait = () => (options.latencyMs > 0 ? new Promise((r) => setTimeout(r, options.latencyMs / 2)) : Promise.resolve());
  return {
    name: SANDBOX,
    channels: CHANNELS,
    deduplicates: true,
    async send(message: OutboundMessage): Promise<SendResult> {
      await wait();
      const result = await record(message);
      await wait();
      return result;
    },
  };

  function record(message: OutboundMessage): Promise<SendResult> {
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(sandboxMessages)
        .values({
          workspaceId: message.workspaceId,
          idempotencyKey: message.idempotencyKey,
          channel: message.channel,
          to: message.to,
          from: message.from ?? null,
          content: message.content,
        })
        .onConflictDoUpdate({ target: sandboxMessages.idempotencyKey, set: { calls: sql`${sandboxMessages.calls} + 1` } })
        .returning({ id: sandboxMessages.id, calls: sandboxMessages.calls });
      // A retry with the same key is the same message: same id, no second set of receipts.
      if (row!.calls > 1) return { providerMessageId: row!.id };

      const [script] = await tx
        .select()
        .from(sandboxScripts)
        .where(
          and(
            eq(sandboxScripts.workspaceId, message.workspaceId),
            eq(sandboxScripts.channel, message.channel),
            eq(sandboxScripts.to, message.to),
            isNull(sandboxScripts.consumedAt),
          ),
        )
        .orderBy(asc(sandboxScripts.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (script) await tx.update(sandboxScripts).set({ consumedAt: new Date() }).where(eq(sandboxScripts.id, script.id));

      const plan = sandboxReceiptPlan(message.channel, script ? { outcome: script.outcome, afterMs: script.afterMs } : null);
      const now = Date.now();
      const jobs: JobSpec[] = plan.map((r, i) => ({
        task: TASKS.sandboxReceipt,
        payload: { providerMessageId: row!.id, status: r.status, eventId: `${row!.id}:${i}:${r.status}` },
        runAt: new Date(now + r.afterMs),
      }));
      await enqueue(tx, jobs);
      return { providerMessageId: row!.id };
    });
  }
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
