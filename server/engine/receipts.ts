/**
 * Delivery receipts, from the sandbox or a provider's webhook. They arrive late, twice and out
 * of order, so: the inbox is unique on (provider, provider event id) and a repeat changes
 * nothing; a message's status only moves forward (a late `delivered` never undoes `read`);
 * every receipt is still kept in its history and handed to the run, whose interpreter records a
 * success that comes after the fallback fired without sending anything again.
 */
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { messageReceipts, messages } from "@/db/schema";
import type { ProviderReceipt } from "@/server/channels/provider";
import type { ReceiptStatus } from "@/server/journey/run-state";
import { applyInput } from "./apply-input";
import { setStatus, type MessageRow } from "./message-status";

const RANK: Record<string, number> = {
  pending: 0,
  deferred: 1,
  sending: 2,
  sent: 3,
  failed: 4,
  undelivered: 4,
  delivered: 5,
  read: 6,
  opened: 6,
  clicked: 7,
  replied: 8,
  answered: 8,
};

export function isForward(current: string, next: string): boolean {
  return (RANK[next] ?? 0) > (RANK[current] ?? 0);
}

export type IngestResult = "applied" | "duplicate" | "unmatched";

/**
 * `workspaceId` scopes a receipt to the workspace whose credentials signed it, so one
 * workspace can never move another's messages; the sandbox's own receipts pass none.
 */
export async function ingestReceipt(
  db: Db,
  provider: string,
  receipt: ProviderReceipt,
  options: { workspaceId?: string; now?: Date } = {},
): Promise<IngestResult> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.provider, provider),
          eq(messages.providerMessageId, receipt.providerMessageId),
          ...(options.workspaceId ? [eq(messages.workspaceId, options.workspaceId)] : []),
        ),
      )
      .for("update");
    const inserted = await tx
      .insert(messageReceipts)
      .values({
        provider,
        providerEventId: receipt.providerEventId,
        providerMessageId: receipt.providerMessageId,
        workspaceId: options.workspaceId ?? message?.workspaceId ?? null,
        messageId: message?.id ?? null,
        status: receipt.status,
        at: receipt.at,
        raw: receipt.errorCode ? { errorCode: receipt.errorCode } : null,
      })
      .onConflictDoNothing()
      .returning({ id: messageReceipts.id });
    if (inserted.length === 0) return "duplicate";
    // Not ours yet: the provider answered before our `sent` commit; dispatch applies it then.
    if (!message) return "unmatched";
    await applyReceiptToMessage(tx, message, { status: receipt.status, at: receipt.at }, now);
    return "applied";
  });
}

export async function applyReceiptToMessage(
  tx: Tx,
  message: MessageRow,
  receipt: { status: string; at: Date },
  now: Date,
): Promise<MessageRow> {
  const status = receipt.status as ReceiptStatus;
  const updated = isForward(message.status, status)
    ? await setStatus(tx, message, status, receipt.at)
    : await appendHistory(tx, message, status, receipt.at);
  if (message.runId) {
    await applyInput(tx, message.runId, { type: "outcome", key: message.idempotencyKey, status, at: receipt.at.toISOString() }, now);
  }
  return updated;
}

async function appendHistory(tx: Tx, message: MessageRow, status: string, at: Date): Promise<MessageRow> {
  const history = [...message.statusHistory, { status, at: at.toISOString() }];
  const [row] = await tx.update(messages).set({ statusHistory: history }).where(eq(messages.id, message.id)).returning();
  return row!;
}
