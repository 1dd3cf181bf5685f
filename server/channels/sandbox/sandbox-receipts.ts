/**
 * The sandbox's receipts, reported when due. Each sandbox message keeps the receipts it still
 * owes (`pending_receipts`, and when the next is due, partially indexed), and every engine
 * process looks a few times a second for receipts due and hands them to the engine's receipt
 * path together, as one webhook would carry a provider's receipts of that moment. Marking a
 * receipt reported and applying it happen in one transaction, so each is reported exactly once
 * even if a worker dies; rows another process is reporting are skipped, not waited for.
 */
import { and, isNotNull, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { sandboxMessages, type PendingReceipt } from "@/db/schema";
import { startPollLoop, type PollLoop } from "@/server/engine/poll-loop";
import { ingestReceiptsIn } from "@/server/engine/receipts";
import { recordset } from "@/server/engine/sql-sets";
import type { ReceiptStatus } from "@/server/journey/run-state";

export const SANDBOX = "sandbox";

/** How often each engine process looks for due receipts: how late one may be reported at most when the engine keeps up. */
const RECEIPT_POLL_MS = 100;
/** Messages whose due receipts one transaction reports at most; delivery goes on until none is due. */
const MAX_MESSAGES = 1_000;

/** Replaces messages' receipt plans (the first receipt's time as the next due; none, none due). */
export async function setPendingReceipts(tx: Tx, plans: readonly { id: string; receipts: readonly PendingReceipt[] }[]): Promise<void> {
  const rows = plans.map((p) => ({ id: p.id, pending: p.receipts, next: p.receipts[0]?.at ?? null }));
  if (rows.length === 0) return;
  await tx.execute(sql`
    update sandbox_messages s set pending_receipts = u.pending, next_receipt_at = u.next
    from ${recordset(rows, "u", "id uuid, pending jsonb, next timestamptz")}
    where s.id = u.id`);
}

/** Reports every receipt due by `now` (the receipt loop's work); returns how many it reported. */
export async function deliverDueReceipts(db: Db, now = new Date()): Promise<number> {
  let reported = 0;
  for (;;) {
    const { messages, receipts } = await db.transaction((tx) => deliverSome(tx, now));
    reported += receipts;
    if (messages < MAX_MESSAGES) return reported;
  }
}

async function deliverSome(tx: Tx, now: Date): Promise<{ messages: number; receipts: number }> {
  // Another worker's delivery in progress keeps its rows; it reports them.
  const rows = await tx.execute<{ id: string; pending: PendingReceipt[] }>(sql`
    select id, pending_receipts as pending from sandbox_messages
    where next_receipt_at <= ${now.toISOString()}::timestamptz
    order by next_receipt_at
    limit ${MAX_MESSAGES}
    for update skip locked`);
  if (rows.length === 0) return { messages: 0, receipts: 0 };
  const due: (PendingReceipt & { providerMessageId: string })[] = [];
  const left = rows.map(({ id, pending }) => {
    for (const r of pending) if (Date.parse(r.at) <= now.getTime()) due.push({ ...r, providerMessageId: id });
    return { id, receipts: pending.filter((r) => Date.parse(r.at) > now.getTime()) };
  });
  due.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  await Promise.all([
    setPendingReceipts(tx, left),
    ingestReceiptsIn(
      tx,
      SANDBOX,
      due.map((r) => ({ providerEventId: r.eventId, providerMessageId: r.providerMessageId, status: r.status as ReceiptStatus, at: new Date(r.at) })),
      { now },
    ),
  ]);
  return { messages: rows.length, receipts: due.length };
}

/** Whether any receipt is due, without locking anything: one index probe per idle poll. */
async function anyReceiptDue(db: Db, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: sandboxMessages.id })
    .from(sandboxMessages)
    .where(and(isNotNull(sandboxMessages.nextReceiptAt), lte(sandboxMessages.nextReceiptAt, now)))
    .limit(1);
  return row !== undefined;
}

/** Reports the sandbox's receipts as they fall due, until stopped (each engine process runs one). */
export function startSandboxReceiptLoop(db: Db, options: { pollMs?: number; onError?: (error: unknown) => void } = {}): PollLoop {
  return startPollLoop({
    pollMs: options.pollMs ?? RECEIPT_POLL_MS,
    isDue: () => anyReceiptDue(db, new Date()),
    work: async () => {
      await deliverDueReceipts(db);
    },
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
