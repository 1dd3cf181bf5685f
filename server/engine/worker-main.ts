/**
 * `npm run worker`: one more worker process against the same database (DATABASE_URL), for
 * scale-out. Several share the queue safely: jobs are claimed with SKIP LOCKED and every run
 * transition locks its run row; timers are claimed with SKIP LOCKED too.
 */
import { createDatabase } from "@/db/client";
import { engineDbConnections, readConfig } from "@/server/config";
import { logger } from "@/server/logger";
import { startEngineRuntime } from "./engine-runtime";
import { graphileLogger } from "./graphile-logger";

async function main() {
  const config = readConfig();
  if (!config.DATABASE_URL) throw new Error("npm run worker needs DATABASE_URL (the database `npm start` uses).");
  const database = createDatabase(config.DATABASE_URL, { max: engineDbConnections(config.WORKER_CONCURRENCY) });
  const pool = await startEngineRuntime({
    connectionString: config.DATABASE_URL,
    db: database.db,
    concurrency: config.WORKER_CONCURRENCY,
    heartbeatMs: config.WORKER_HEARTBEAT_MS,
    deadAfterSeconds: config.WORKER_DEAD_AFTER_SECONDS,
    sandboxLatencyMs: config.SANDBOX_LATENCY_MS,
    logger: graphileLogger(),
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
