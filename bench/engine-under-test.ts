/**
 * The engine as `npm start` runs it: an in-process worker pool (startWorkerPool, the engine's
 * concurrency and poll interval) with the real task list and the sandbox provider. Two thin
 * probes around it record, without changing what it does:
 * - when the sandbox has each message: `send` returns only after the sandbox's insert has
 *   committed, so the time it returns is when the provider "has" the message;
 * - for every job, its queue wait (start − run_at) and run time.
 * Timers run as the engine runs them: the timer loop over `runs.next_wake_at`.
 * All times are this process's wall clock (Date.now()); run_at comes from the same host clock.
 */
import type { JobHelpers, Logger, TaskList } from "graphile-worker";
import { createDatabase } from "@/db/client";
import { DEFAULT_WORKER_CONCURRENCY, engineDbConnections } from "@/server/config";
import { createProviderRegistry, type ProviderRegistry } from "@/server/channels/registry";
import { createTaskList } from "@/server/engine/task-list";
import { startTimerLoop } from "@/server/engine/wake-due-runs";
import { startWorkerPool } from "@/server/engine/worker-pool";

export type JobTimes = { queueWaitMs: number[]; runMs: number[] };

export type EngineUnderTest = {
  /** Run id → Date.now() when the sandbox returned from its send. */
  sentAt: Map<string, number>;
  jobs: Map<string, JobTimes>;
  stop: () => Promise<void>;
};

/** The launcher's defaults (server/config.ts). */
export const ENGINE_CONCURRENCY = DEFAULT_WORKER_CONCURRENCY;
const ENGINE_DB_CONNECTIONS = engineDbConnections(ENGINE_CONCURRENCY);

export async function startEngineUnderTest(url: string, logger: Logger): Promise<EngineUnderTest> {
  const database = createDatabase(url, { max: ENGINE_DB_CONNECTIONS });
  const sentAt = new Map<string, number>();
  const jobs = new Map<string, JobTimes>();

  const registry = createProviderRegistry(database.db);
  const probed: ProviderRegistry = {
    forChannel: async (workspaceId, channel) => {
      const provider = await registry.forChannel(workspaceId, channel);
      return {
        name: provider.name,
        channels: provider.channels,
        deduplicates: provider.deduplicates,
        send: async (message) => {
          const result = await provider.send(message);
          // Keys are `${runId}:${nodeId}:${visit}`.
          sentAt.set(message.idempotencyKey.split(":")[0]!, Date.now());
          return result;
        },
      };
    },
  };

  const timed = (list: TaskList): TaskList =>
    Object.fromEntries(
      Object.entries(list).map(([name, task]) => [
        name,
        async (payload: unknown, helpers: JobHelpers) => {
          const started = Date.now();
          const runAt = helpers.job.run_at.getTime();
          await task!(payload, helpers);
          const finished = Date.now();
          const times = jobs.get(name) ?? { queueWaitMs: [], runMs: [] };
          times.queueWaitMs.push(started - runAt);
          times.runMs.push(finished - started);
          jobs.set(name, times);
        },
      ]),
    );

  const pool = await startWorkerPool({
    connectionString: url,
    concurrency: ENGINE_CONCURRENCY,
    taskList: (poolId) => timed(createTaskList({ db: database.db, providers: probed, poolId })),
    logger,
  });
  // Timers are not jobs: the engine's timer loop wakes runs from their next_wake_at.
  const timers = startTimerLoop(database.db);
  return {
    sentAt,
    jobs,
    stop: async () => {
      await timers.stop();
      await pool.stop();
      await database.close();
    },
  };
}
