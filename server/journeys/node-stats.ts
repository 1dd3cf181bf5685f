/**
 * Live numbers on each node of a published journey, from the real runs and messages:
 * entered, sent, delivered, failed, fallback taken, converted.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messages, runs } from "@/db/schema";

export type NodeStats = { entered: number; sent: number; delivered: number; failed: number; fallbackTaken: number; converted: number };

const DELIVERED = ["delivered", "read", "opened", "clicked", "replied", "answered"];
const DISPATCHED = ["sent", ...DELIVERED, "failed", "undelivered"];

export async function nodeStats(db: Executor, workspaceId: string, journeyId: string): Promise<Record<string, NodeStats>> {
  const [steps, sends] = await Promise.all([
    // Per node: runs that entered it, those that took its fallback, and how many of the
    // entering runs converted (a conversion is credited to every node the run entered).
    db.execute<{ node_id: string; entered: number; fallback_taken: number; converted: number }>(sql`
      select s."nodeId" as node_id,
             count(*) filter (where s.kind = 'entered')::int as entered,
             count(*) filter (where s.kind = 'took' and s.output = 'fallback')::int as fallback_taken,
             count(distinct r.id) filter (where s.kind = 'entered' and r.converted_at is not null)::int as converted
      from ${runs} r
      join run_timeline t on t.run_id = r.id
      cross join lateral jsonb_to_recordset(t.steps) as s("nodeId" text, kind text, output text)
      where r.workspace_id = ${workspaceId} and r.journey_id = ${journeyId} and s."nodeId" is not null
      group by s."nodeId"`),
    db
      .select({
        nodeId: messages.nodeId,
        sent: sql<number>`count(*) filter (where ${messages.status} in ${DISPATCHED})`.mapWith(Number),
        delivered: sql<number>`count(*) filter (where ${messages.status} in ${DELIVERED})`.mapWith(Number),
        failed: sql<number>`count(*) filter (where ${messages.status} in ('failed', 'undelivered', 'suppressed'))`.mapWith(Number),
      })
      .from(messages)
      .where(and(eq(messages.workspaceId, workspaceId), eq(messages.journeyId, journeyId)))
      .groupBy(messages.nodeId),
  ]);
  const out: Record<string, NodeStats> = {};
  const at = (id: string | null) => (out[id ?? ""] ??= { entered: 0, sent: 0, delivered: 0, failed: 0, fallbackTaken: 0, converted: 0 });
  for (const s of steps) Object.assign(at(s.node_id), { entered: s.entered, fallbackTaken: s.fallback_taken, converted: s.converted });
  for (const m of sends) Object.assign(at(m.nodeId), { sent: m.sent, delivered: m.delivered, failed: m.failed });
  delete out[""];
  return out;
}
