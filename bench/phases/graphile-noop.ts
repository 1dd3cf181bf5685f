/**
 * graphile-worker's own ceiling here: K no-op jobs added in bulk (`add_jobs`), then a pool
 * works them off. The timer runs from starting the pool until the queue holds none of them,
 * so completions are committed, not just started. Run once as the engine's pool is configured
 * (startWorkerPool: concurrency 4, one job fetched and completed per round trip) and once with
 * graphile-worker's batching (local queue + batched completion) for comparison.
 */
import { Logger, run } from "graphile-worker";
import postgres from "postgres";
import { startWorkerPool } from "@/server/engine/worker-pool";
import { perSecond } from "../stats";

const TASK = "bench_noop";
const ADD_CHUNK = 1_000;

export type NoopResult = { jobs: number; jobsPerSec: number; addJobsPerSec: number; drained: boolean };

export async function measureNoopJobs(
  url: string,
  options: { jobs: number; concurrency: number; timeoutSeconds: number; batched: boolean; logger: Logger },
): Promise<NoopResult> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const addStart = performance.now();
    for (let added = 0; added < options.jobs; added += ADD_CHUNK) {
      const n = Math.min(ADD_CHUNK, options.jobs - added);
      const specs = Array.from({ length: n }, (_, i) => ({ identifier: TASK, payload: { i: added + i } }));
      await sql`select 1 from graphile_worker.add_jobs(array(select json_populate_recordset(null::graphile_worker.job_spec, ${JSON.stringify(specs)}::text::json)))`;
    }
    const addMs = performance.now() - addStart;

    const taskList = { [TASK]: async () => {} };
    const start = performance.now();
    const stop = options.batched
      ? await startBatchedRunner(url, options.concurrency, taskList, options.logger)
      : (await startWorkerPool({ connectionString: url, concurrency: options.concurrency, taskList, logger: options.logger })).stop;
    let remaining = options.jobs;
    const deadline = start + options.timeoutSeconds * 1000;
    while (remaining > 0 && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      const [row] = await sql<{ n: string }[]>`select count(*) as n from graphile_worker.jobs where task_identifier = ${TASK}`;
      remaining = Number(row!.n);
    }
    const ms = performance.now() - start;
    await stop();
    // Leftovers (timeout) must not be picked up by the engine's pool in later phases.
    if (remaining > 0) {
      await sql`select graphile_worker.permanently_fail_jobs(array(select id from graphile_worker.jobs where task_identifier = ${TASK}), 'bench over')`;
    }
    return { jobs: options.jobs - remaining, jobsPerSec: perSecond(options.jobs - remaining, ms), addJobsPerSec: perSecond(options.jobs, addMs), drained: remaining === 0 };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function startBatchedRunner(url: string, concurrency: number, taskList: Record<string, () => Promise<void>>, logger: Logger) {
  const runner = await run({
    connectionString: url,
    concurrency,
    noHandleSignals: true,
    pollInterval: 250,
    taskList,
    logger,
    preset: { worker: { localQueue: { size: 100 }, completeJobBatchDelay: 0 } },
  });
  return () => runner.stop();
}
