/**
 * A message's status moves, each appended to its history with the time and reason, so the
 * timeline can say what happened to every send and why.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { messages } from "@/db/schema";
import { recordset } from "./sql-sets";

export type MessageRow = typeof messages.$inferSelect;

type StatusExtra = Partial<Pick<MessageRow, "reason" | "provider" | "providerMessageId" | "to" | "from" | "deferredUntil" | "dispatchedBy" | "dispatchJobId">>;

/** A message after a move decided in memory: what `setStatuses` writes and the caller keeps. */
export function moved(message: MessageRow, status: string, now: Date, extra: StatusExtra = {}): MessageRow {
  const entry = { status, at: now.toISOString(), ...(extra.reason ? { reason: extra.reason } : {}) };
  return { ...message, ...extra, status, statusHistory: [...message.statusHistory, entry], updatedAt: now };
}

/**
 * Writes many moves (rows from `moved`, locked by the caller since they were read, one per
 * message) in one statement; the history is written whole, so several moves of one message
 * folded into its row all land.
 */
export async function setStatuses(tx: Tx, rows: readonly MessageRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((m) => ({
    id: m.id,
    status: m.status,
    history: m.statusHistory,
    reason: m.reason,
    to: m.to,
    from: m.from,
    deferred_until: m.deferredUntil,
    dispatched_by: m.dispatchedBy,
    dispatch_job_id: m.dispatchJobId,
    at: m.updatedAt,
  }));
  await tx.execute(sql`
    update messages m set
      status = u.status, status_history = u.history, reason = u.reason,
      "to" = u."to", "from" = u."from", deferred_until = u.deferred_until, dispatched_by = u.dispatched_by,
      dispatch_job_id = u.dispatch_job_id, updated_at = u.at
    from ${recordset(values, "u", `id uuid, status text, history jsonb, reason text, "to" text, "from" text, deferred_until timestamptz, dispatched_by text, dispatch_job_id text, at timestamptz`)}
    where m.id = u.id`);
}
