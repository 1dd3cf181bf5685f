/**
 * Live numbers on each node of a published journey, from the real runs and messages:
 * entered, sent, delivered, failed, fallback taken, converted.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messages, runs, runSteps } from "@/db/schema";

export type NodeStats = { entered: number; sent: number; delivered: number; failed: number; fallbackTaken: number; converted: number };

const DELIVERED = ["delivered", "read", "opened", "clicked", "replied", "answered"];
const DISPATCHED = ["sent", ...DELIVERED, "failed", "undelivered"];

export async function nodeStats(db: Executor, workspaceId: string, journeyId: string): Promise<Record<string, NodeStats>> {
  const [steps, sends, conversions] = await Promise.all([
    db
      .select({
        nodeId: runSteps.nodeId,
        entered: sql<number>`count(*) filter (where ${runSteps.kind} = 'entered')`.mapWith(Number),
        fallbackTaken: sql<number>`count(*) filter (where ${runSteps.kind} = 'took' and ${runSteps.output} = 'fallback')`.mapWith(Number),
      })
      .from(runSteps)
      .innerJoin(runs, eq(runs.id, runSteps.runId))
      .where(and(eq(runs.workspaceId, workspaceId), eq(runs.journeyId, journeyId)))
      .groupBy(runSteps.nodeId),
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
    // A conversion is credited to every node the converted run entered.
    db
      .select({ nodeId: runSteps.nodeId, converted: sql<number>`count(distinct ${runs.id})`.mapWith(Number) })
      .from(runSteps)
      .innerJoin(runs, eq(runs.id, runSteps.runId))
      .where(and(eq(runs.workspaceId, workspaceId), eq(runs.journeyId, journeyId), sql`${runs.convertedAt} is not null`, eq(runSteps.kind, "entered")))
      .groupBy(runSteps.nodeId),
  ]);
  const out: Record<string, NodeStats> = {};
  const at = (id: string | null) => (out[id ?? ""] ??= { entered: 0, sent: 0, delivered: 0, failed: 0, fallbackTaken: 0, converted: 0 });
  for (const s of steps) Object.assign(at(s.nodeId), { entered: s.entered, fallbackTaken: s.fallbackTaken });
  for (const m of sends) Object.assign(at(m.nodeId), { sent: m.sent, delivered: m.delivered, failed: m.failed });
  for (const c of conversions) at(c.nodeId).converted = c.converted;
  delete out[""];
  return out;
}
