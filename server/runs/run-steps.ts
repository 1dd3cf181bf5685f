/**
 * A run's steps as readers see them, one by one, from its timeline entries (one entry per
 * input the run took; see `runTimeline`). Each step gets a stable id, `<entry>.<position>`.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { RunStepSchema } from "@/server/journey/run-state";

export type StoredRunStep = {
  id: string;
  nodeId: string | null;
  kind: string;
  output: string | null;
  detail: string | null;
  at: Date;
};

/**
 * The run's latest `limit` steps, oldest first. The index on (run, entry) is read backwards
 * and stops once `limit` steps are found, so a long-lived run costs no more than a new one.
 */
export async function latestRunSteps(db: Executor, runId: string, limit: number): Promise<StoredRunStep[]> {
  const rows = await db.execute<{ entry: string; n: string; step: unknown; at: string }>(sql`
    select t.id as entry, s.n, s.step, t.at
    from run_timeline t cross join lateral jsonb_array_elements(t.steps) with ordinality as s(step, n)
    where t.run_id = ${runId}
    order by t.id desc, s.n desc
    limit ${limit}`);
  return rows.reverse().map((r) => {
    const step = RunStepSchema.parse(r.step);
    return {
      id: `${r.entry}.${r.n}`,
      nodeId: step.nodeId ?? null,
      kind: step.kind,
      output: step.output ?? null,
      detail: step.detail ?? null,
      at: new Date(r.at),
    };
  });
}
