/**
 * The engine of the benchmark in its own process, as `npm start` runs it apart from the API
 * (the launcher's engine; Next in a child): the worker pool with the real task list and the
 * sandbox provider, and the timer loop. Two thin probes report to the parent over IPC without
 * changing what the engine does:
 * - when the sandbox has each message (noted-sends.ts);
 * - for every job, its queue wait (start − run_at) and run time.
 * Times are Date.now(): the parent's clock is the same host clock.
 */
import { Logger, type JobHelpers, type TaskList } from "graphile-worker";
import { createDatabase } from "@/db/client";
import { createProviderRegistry } from "@/server/channels/registry";
import { DEFAULT_WORKER_CONCURRENCY, engineDbConnections } from "@/server/config";
import { createTaskList } from "@/server/engine/task-list";
import { startEngineLoops } from "@/server/engine/engine-runtime";
import { startWorkerPool } from "@/server/engine/worker-pool";
import { noteSends } from "./noted-sends";

export type EngineReport =
  | { type: "ready" }
  | { type: "sent"; sent: [runId: string, at: number][] }
  | { type: "jobs"; jobs: [task: string, queueWaitMs: number, runMs: number][] };

/** IPC messages go out in small bundles: one per event would cost the engine as much as its work. */
const FLUSH_MS = 10;

async function main() {
  const url = process.env.DATABASE_URL!;
  const send = (report: EngineReport) => process.send!(report);
  const sent: [string, number][] = [];
  const jobs: [string, number, number][] = [];
  const flush = setInterval(() => {
    if (sent.length > 0) send({ type: "sent", sent: sent.splice(0) });
    if (jobs.length > 0) send({ type: "jobs", jobs: jobs.splice(0) });
  }, FLUSH_MS);

  const database = createDatabase(url, { max: engineDbConnections(DEFAULT_WORKER_CONCURRENCY) });
  const probed = noteSends(createProviderRegistry(database.db), (runId, at) => sent.push([runId, at]));
  const timed = (list: TaskList): TaskList =>
    Object.fromEntries(
      Object.entries(list).map(([name, task]) => [
        name,
        async (payload: unknown, helpers: JobHelpers) => {
          const started = Date.now();
          await task!(payload, helpers);
          jobs.push([name, started - helpers.job.run_at.getTime(), Date.now() - started]);
        },
      ]),
    );
  const logger = new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") process.stderr.write(`[graphile ${level}] ${message}\n`);
  });
  const pool = await startWorkerPool({
    connectionString: url,
    concurrency: DEFAULT_WORKER_CONCURRENCY,
    taskList: (poolId) => timed(createTaskList({ db: database.db, providers: probed, poolId })),
    logger,
  });
  const loops = startEngineLoops(database.db, (loop, e) => process.stderr.write(`${loop}: ${String(e)}\n`));
  process.on("message", (message: { type?: string }) => {
    if (message.type !== "stop") return;
    void (async () => {
      await loops.stop();
      await pool.stop();
      await database.close();
      clearInterval(flush);
      process.exit(0);
    })();
  });
  send({ type: "ready" });
}

void main().catch((error: unknown) => {
  process.stderr.write(`engine process failed: ${String(error)}\n`);
  process.exit(1);
});
