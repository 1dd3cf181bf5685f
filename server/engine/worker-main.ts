/**
 * `npm run worker`: one more worker process against the same database (DATABASE_URL), for
 * scale-out. Several share the queue safely: jobs are claimed with SKIP LOCKED and every run
 * transition locks its run row.
 */
import { Logger } from "graphile-worker";
import { createDatabase } from "@/db/client";
import { createProviderRegistry } from "@/server/channels/registry";
import { readConfig } from "@/server/config";
import { logger } from "@/server/logger";
import { createTaskList } from "./task-list";
import { startWorkerPool } from "./worker-pool";

async function main() {
  const config = readConfig();
  if (!config.DATABASE_URL) throw new Error("npm run worker needs DATABASE_URL (the database `npm start` uses).");
  const database = createDatabase(config.DATABASE_URL, { max: config.WORKER_CONCURRENCY + 2 });
  const pool = await startWorkerPool({
    connectionString: config.DATABASE_URL,
    concurrency: config.WORKER_CONCURRENCY,
    taskList: (poolId) =>
      createTaskList({ db: database.db, providers: createProviderRegistry(database.db, { sandboxLatencyMs: config.SANDBOX_LATENCY_MS }), poolId }),
    heartbeatMs: config.WORKER_HEARTBEAT_MS,
    deadAfterSeconds: config.WORKER_DEAD_AFTER_SECONDS,
    logger: new Logger((scope) => (level, message) => {
      if (level === "error" || level === "warning") logger.warn({ scope: scope.label }, message);
    }),
  });
  logger.info({ poolId: pool.poolId, pid: process.pid }, "worker started");
  const stop = async () => {
    await pool.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
