/**
 * A graphile-worker pool with the crash recovery 0.17 lacks: each pool writes a heartbeat
 * (with its worker ids) every few seconds, and every pool sweeps for pools silent for longer
 * than DEAD_AFTER, releasing their locked jobs with `forceUnlockWorkers` instead of waiting
 * the library's 4-hour lock timeout. An advisory lock keeps sweeps from overlapping.
 */
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { Logger, run, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import postgres from "postgres";

export const HEARTBEAT_INTERVAL_MS = 5_000;
export const DEAD_AFTER_SECONDS = 45;
/** Timers fire up to pollInterval late; keep it small (engine notes). */
export const POLL_INTERVAL_MS = 250;
const SWEEP_LOCK_KEY = 7_201_905;

export type WorkerPoolHandle = { poolId: string; runner: Runner; stop: () => Promise<void> };

export type WorkerPoolOptions = {
  connectionString: string;
  /** Builds the tasks; gets this pool's id, which dispatches record as `dispatched_by`. */
  taskList: TaskList | ((poolId: string) => TaskList);
  concurrency?: number;
  logger?: Logger;
  /** How often the heartbeat is written (default HEARTBEAT_INTERVAL_MS). */
  heartbeatMs?: number;
  /** Silence after which a pool counts as dead and its jobs are released (default DEAD_AFTER_SECONDS). */
  deadAfterSeconds?: number;
};

export async function startWorkerPool(options: WorkerPoolOptions): Promise<WorkerPoolHandle> {
  const poolId = randomUUID();
  const workerIds = new Set<string>();
  /** Every id jobs may be locked under, released workers included: all are unlocked on stop. */
  const lockOwners = new Set<string>();
  const sql = postgres(options.connectionString, { max: 2, onnotice: () => {} });
  // Subscribed before `run`, which creates the workers: their ids must all be in the heartbeat.
  const events: WorkerEvents = new EventEmitter();
  // Jobs are locked under the graphile pool's id as well as under each worker's.
  events.on("pool:create", ({ workerPool }) => {
    workerIds.add(workerPool.id);
    lockOwners.add(workerPool.id);
  });
  events.on("worker:create", ({ worker }) => {
    workerIds.add(worker.workerId);
    lockOwners.add(worker.workerId);
  });
  events.on("worker:release", ({ worker }) => {
    workerIds.delete(worker.workerId);
  });
  events.on("pool:listen:error", ({ error }) => options.logger?.error(`worker pool listen error: ${String(error)}`));

  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 4,
    pollInterval: POLL_INTERVAL_MS,
    noHandleSignals: true,
    taskList: typeof options.taskList === "function" ? options.taskList(poolId) : options.taskList,
    // Fetch jobs in batches and complete them in batches: every task is idempotent (message
    // status, run tokens, unique receipt ids), so a job re-run after a crash changes nothing.
    preset: { worker: { localQueue: { size: Math.max(10, 2 * (options.concurrency ?? 4)) }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    logger: options.logger,
    events,
  });

  const beat = async () => {
    await sql`
      insert into worker_heartbeats (pool_id, pid, hostname, worker_ids, last_seen_at)
      values (${poolId}, ${process.pid}, ${hostname()}, ${JSON.stringify([...workerIds])}::text::jsonb, now())
      on conflict (pool_id) do update set worker_ids = excluded.worker_ids, last_seen_at = now()`;
    await sweepDeadPools(sql, (ids) => forceUnlockWorkers(sql, ids), options.deadAfterSeconds);
  };
  await beat();
  const timer = setInterval(() => {
    beat().catch((e) => options.logger?.error(`worker heartbeat failed: ${String(e)}`));
  }, options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS);
  timer.unref();

  return {
    poolId,
    runner,
    stop: async () => {
      clearInterval(timer);
      await runner.stop().catch((e: unknown) => options.logger?.error(`worker pool stop: ${String(e)}`));
      // No job of ours runs any more. graphile can fail to hand back the jobs its local queue
      // had fetched when stopped mid-fetch; unlock them now rather than leave them locked for
      // hours with no heartbeat left to say their pool is gone.
      await forceUnlockWorkers(sql, [...lockOwners]).catch((e: unknown) => options.logger?.error(`worker pool unlock: ${String(e)}`));
      await sql`delete from worker_heartbeats where pool_id = ${poolId}`.catch(() => {});
      await sql.end({ timeout: 5 });
    },
  };
}

export async function forceUnlockWorkers(sql: postgres.Sql, workerIds: string[]): Promise<void> {
  await sql`select graphile_worker.force_unlock_workers(${workerIds}::text[])`;
}

/** Releases the jobs of every pool whose heartbeat stopped; returns the pools it swept. */
export async function sweepDeadPools(
  sql: postgres.Sql,
  forceUnlockWorkers: (ids: string[]) => Promise<void>,
  deadAfterSeconds = DEAD_AFTER_SECONDS,
): Promise<string[]> {
  return sql.begin(async (tx) => {
    const [lock] = await tx<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(${SWEEP_LOCK_KEY}) as locked`;
    if (!lock?.locked) return [];
    const dead = await tx<{ pool_id: string; worker_ids: string[] }[]>`
      select pool_id, worker_ids from worker_heartbeats
      where last_seen_at < now() - make_interval(secs => ${deadAfterSeconds})
      for update skip locked`;
    for (const pool of dead) {
      if (pool.worker_ids.length > 0) await forceUnlockWorkers(pool.worker_ids);
      await tx`delete from worker_heartbeats where pool_id = ${pool.pool_id}`;
    }
    return dead.map((p) => p.pool_id);
  });
}
