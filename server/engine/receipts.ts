/**
 * Delivery receipts, from the sandbox or a provider's webhook. They arrive late, twice and out
 * of order, so: the inbox is unique on (provider, provider event id) and a repeat changes
 * nothing; a message's status only moves forward (a late `delivered` never undoes `read`);
 * every receipt is still kept in its history and handed to the run, whose interpreter records a
 * success that comes after the fallback fired without sending anything again.
 *
 * Receipts are applied in batches, one transaction each: a webhook's, or one sandbox job's.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { messages } from "@/db/schema";
import type { ProviderReceipt } from "@/server/channels/provider";
import type { ReceiptStatus } from "@/server/journey/run-state";
import { applyInputs } from "./apply-input";
import { moved, setStatuses, type MessageRow } from "./message-status";
import { anyOf, recordset } from "./sql-sets";

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
type ReceiptOptions = { workspaceId?: string; now?: Date };

/**
 * `workspaceId` scopes a receipt to the workspace whose credentials signed it, so one
 * workspace can never move another's messages; the sandbox's own receipts pass none.
 */
export async function ingestReceipt(db: Db, provider: string, receipt: ProviderReceipt, options: ReceiptOptions = {}): Promise<IngestResult> {
  const [result] = await ingestReceipts(db, provider, [receipt], options);
  return result!;
}

/** A provider's receipts, in one transaction and in the given order; a result each. */
export async function ingestReceipts(
  db: Db,
  provider: string,
  receipts: readonly ProviderReceipt[],
  options: ReceiptOptions = {},
): Promise<IngestResult[]> {
  return db.transaction((tx) => ingestReceiptsIn(tx, provider, receipts, options));
}

/** `ingestReceipts` inside the caller's transaction. */
export async function ingestReceiptsIn(
  tx: Tx,
  provider: string,
  receipts: readonly ProviderReceipt[],
  options: ReceiptOptions = {},
): Promise<IngestResult[]> {
  const now = options.now ?? new Date();
  const found = await tx
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.provider, provider),
        anyOf(
          messages.providerMessageId,
          receipts.map((r) => r.providerMessageId),
        ),
        ...(options.workspaceId ? [eq(messages.workspaceId, options.workspaceId)] : []),
      ),
    )
    .orderBy(asc(messages.id))
    .for("update");
  const messageOf = new Map(found.map((m) => [m.providerMessageId!, m]));
  const rows = receipts.map((receipt) => {
    const message = messageOf.get(receipt.providerMessageId);
    return {
      provider_event_id: receipt.providerEventId,
      provider_message_id: receipt.providerMessageId,
      workspace_id: options.workspaceId ?? message?.workspaceId ?? null,
      message_id: message?.id ?? null,
      status: receipt.status,
      at: receipt.at,
      raw: receipt.errorCode ? { errorCode: receipt.errorCode } : null,
    };
  });
  const inserted = await tx.execute<{ eventId: string }>(sql`
    insert into message_receipts (provider, provider_event_id, provider_message_id, workspace_id, message_id, status, at, raw)
    select ${provider}, provider_event_id, provider_message_id, workspace_id, message_id, status, at, raw
    from ${recordset(rows, "r", "provider_event_id text, provider_message_id text, workspace_id uuid, message_id uuid, status text, at timestamptz, raw jsonb")}
    on conflict do nothing
    returning provider_event_id as "eventId"`);
  const fresh = new Set(inserted.map((r) => r.eventId));
  const toApply: { message: MessageRow; receipt: { status: string; at: Date } }[] = [];
  const results = receipts.map((receipt): IngestResult => {
    // Taken out once applied: a repeat of the event id in this same batch is a duplicate too.
    if (!fresh.delete(receipt.providerEventId)) return "duplicate";
    const message = messageOf.get(receipt.providerMessageId);
    // Not ours yet: the provider answered before our `sent` commit; dispatch applies it then.
    if (!message) return "unmatched";
    toApply.push({ message, receipt });
    return "applied";
  });
  await applyReceipts(tx, toApply, now);
  return results;
}

/**
 * Applies receipts to their (locked) messages in the given order, several per message if need
 * be, and hands each to the message's run.
 */
export async function applyReceipts(
  tx: Tx,
  items: readonly { message: MessageRow; receipt: { status: string; at: Date } }[],
  now: Date,
): Promise<void> {
  const current = new Map<string, MessageRow>();
  for (const { message, receipt } of items) {
    const row = current.get(message.id) ?? message;
    current.set(
      message.id,
      isForward(row.status, receipt.status)
        ? moved(row, receipt.status, receipt.at)
        : { ...row, statusHistory: [...row.statusHistory, { status: receipt.status, at: receipt.at.toISOString() }] },
    );
  }
  await setStatuses(tx, [...current.values()]);
  await applyInputs(
    tx,
    items.flatMap(({ message, receipt }) =>
      message.runId
        ? [
            {
              runId: message.runId,
              input: { type: "outcome" as const, key: message.idempotencyKey, status: receipt.status as ReceiptStatus, at: receipt.at.toISOString() },
            },
          ]
        : [],
    ),
    now,
  );
}
