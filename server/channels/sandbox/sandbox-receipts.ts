/**
 * The sandbox's receipts, reported when due. Each sandbox message keeps the receipts it still
 * owes (`pending_receipts`, and when the next is due), and one delivery job per short window
 * hands whatever is due by then to the engine's receipt path, as one webhook would carry a
 * provider's receipts of that moment. Marking a receipt reported and applying it happen in one
 * transaction, so each is reported exactly once even if a worker dies.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import type { PendingReceipt } from "@/db/schema";
import { enqueue, TASKS } from "@/server/engine/queue";
import { ingestReceiptsIn } from "@/server/engine/receipts";
import { recordset } from "@/server/engine/sql-sets";
import type { ReceiptStatus } from "@/server/journey/run-state";

export const SANDBOX = "sandbox";

/** Receipts due within one window go out together, at its end: small windows, small bursts. */
export const RECEIPT_WINDOW_MS = 100;
/** Messages whose due receipts one transaction reports at most; the job loops until none is due. */
const MAX_MESSAGES = 1_000;

const windowKey = (end: number) => `sandbox-receipts:${end}`;

/** Replaces messages' receipt plans (the first receipt's time as the next due; none, none due). */
export async function setPendingReceipts(tx: Tx, plans: readonly { id: string; receipts: readonly PendingReceipt[] }[]): Promise<void> {
  const rows = plans.map((p) => ({ id: p.id, pending: p.receipts, next: p.receipts[0]?.at ?? null }));
  if (rows.length === 0) return;
  await tx.execute(sql`
    update sandbox_messages s set pending_receipts = u.pending, next_receipt_at = u.next
    from ${recordset(rows, "u", "id uuid, pending jsonb, next timestamptz")}
    where s.id = u.id`);
}

/**
 * Makes sure a delivery job runs at the end of each window holding one of `dueTimes`. Windows in
 * `scheduled` already have one committed; the keys added here go in `added`, for the caller to
 * remember once its transaction commits.
 */
export async function scheduleDelivery(tx: Tx, dueTimes: readonly string[], scheduled: ReadonlySet<string>, added: Set<string>): Promise<void> {
  const ends = [...new Set(dueTimes.map((at) => Math.ceil(Date.parse(at) / RECEIPT_WINDOW_MS) * RECEIPT_WINDOW_MS))];
  const missing = ends.filter((end) => !scheduled.has(windowKey(end)) && !added.has(windowKey(end)));
  for (const end of missing) added.add(windowKey(end));
  // A job key a job already has is replaced by the same job: two processes adding a window agree.
  await enqueue(
    tx,
    missing.map((end) => ({ task: TASKS.sandboxReceipt, payload: {}, runAt: new Date(end), jobKey: windowKey(end) })),
  );
}

/** Windows pass every tenth of a second; keys of old ones are dropped as new ones come. */
export function rememberWindow(scheduled: Set<string>, key: string): void {
  scheduled.add(key);
  if (scheduled.size > 128) scheduled.delete(scheduled.values().next().value!);
}

/** Reports every receipt due by `now` (the delivery job's work); returns how many it reported. */
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
  const added = new Set<string>();
  await Promise.all([
    setPendingReceipts(tx, left),
    scheduleDelivery(
      tx,
      left.flatMap((l) => l.receipts.slice(0, 1).map((r) => r.at)),
      new Set(),
      added,
    ),
  ]);
  await ingestReceiptsIn(
    tx,
    SANDBOX,
    due.map((r) => ({ providerEventId: r.eventId, providerMessageId: r.providerMessageId, status: r.status as ReceiptStatus, at: new Date(r.at) })),
    { now },
  );
  return { messages: rows.length, receipts: due.length };
}
