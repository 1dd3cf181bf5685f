/**
 * A run's steps as readers see them, one by one, from its timeline entries (one entry per
 * input the run took; see `runTimeline`). Each step gets a stable id, `<entry>.<position>`.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { RunStepSchema } from "@/server/journey/run-state";

/**
 * Steps as stored, read leniently: a kind this version does not know (an older or newer engine
 * wrote it) is still shown as its text rather than failing the whole timeline.
 */
const StoredStepSchema = RunStepSchema.extend({ kind: z.string() });

export type StoredRunStep = {
  id: string;
  nodeId: string | null;
  kind: string;
  output: string | null;
  detail: string | null;
  at: Date;
};

/**
 * The run's latest `limit` steps, oldest first, read newest entry first through the index on
 * (run, entry) so a long-lived run need not be read whole.
 */
export async function latestRunSteps(db: Executor, runId: string, limit: number): Promise<StoredRunStep[]> {
  const rows = await db.execute<{ entry: string; n: string; step: unknown; at: string }>(sql`
    select t.id as entry, s.n, s.step, t.at
    from run_timeline t cross join lateral jsonb_array_elements(t.steps) with ordinality as s(step, n)
    where t.run_id = ${runId}
    order by t.id desc, s.n desc
    limit ${limit}`);
  return rows.reverse().map((r) => {
    const step = StoredStepSchema.parse(r.step);
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
