/**
 * `npm start`: one process tree for a whole Switchboard. Starts (or connects to) PostgreSQL,
 * applies migrations, seeds the demo workspace on an empty database, starts the job worker in
 * this process, then runs Next as a child. SIGINT/SIGTERM stop all of it in reverse order.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createDatabase } from "@/db/client";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded-postgres";
import { ensureDatabase, migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/seed-demo";
import { engineDbConnections, readConfig, type Config } from "./config";
import { startEngineRuntime, type EngineRuntime } from "./engine/engine-runtime";
import { graphileLogger } from "./engine/graphile-logger";
import { logger } from "./logger";
import { installBootstrapKey } from "./workspaces/api-keys";

const dev = process.argv.includes("--dev");

async function main() {
  const config = readConfig();
  const stack: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const stop of stack.reverse()) await stop().catch((e) => logger.error({ err: e }, "shutdown step failed"));
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  try {
    const secret = resolveSecret(config);
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const pg: EmbeddedServer = await startEmbeddedPostgres({ dataDir: config.SWITCHBOARD_DATA_DIR });
      stack.push(() => pg.stop());
      await ensureDatabase(pg.url(), "switchboard");
      databaseUrl = pg.url("switchboard");
      logger.info({ port: pg.port, dataDir: path.resolve(config.SWITCHBOARD_DATA_DIR) }, "embedded PostgreSQL started");
    }
    await migrateDatabase(databaseUrl);

    const database = createDatabase(databaseUrl, { max: engineDbConnections(config.WORKER_CONCURRENCY) });
    stack.push(() => database.close());
    const { workspaceId, created } = await seedDemo(database.db);
    if (created) logger.info("seeded the Demo workspace (admin@demo.test / marketer@demo.test / analyst@demo.test)");
    if (config.BOOTSTRAP_API_KEY) await installBootstrapKey(database.db, workspaceId, config.BOOTSTRAP_API_KEY);

    const worker: EngineRuntime = await startEngineRuntime({
      connectionString: databaseUrl,
      db: database.db,
      concurrency: config.WORKER_CONCURRENCY,
      heartbeatMs: config.WORKER_HEARTBEAT_MS,
      deadAfterSeconds: config.WORKER_DEAD_AFTER_SECONDS,
      sandboxLatencyMs: config.SANDBOX_LATENCY_MS,
      logger: graphileLogger(),
    });
    stack.push(() => worker.stop());

    const next = startNext(config, { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret });
    stack.push(() => stopChild(next));
    next.on("exit", (code) => {
      if (!stopping) {
        logger.error({ code }, "Next exited");
        void stopAll(code ?? 1);
      }
    });
    logger.info(`Switchboard is running at http://localhost:${config.PORT}`);
  } catch (error) {
    logger.fatal(error instanceof Error ? error.message : String(error));
    await stopAll(1);
  }
}

/**
 * A local run keeps a generated secret in the data dir; production with an external database
 * must be given one, since a generated secret would silently sign people out on every host.
 */
function resolveSecret(config: Config): string {
  if (config.NEXTAUTH_SECRET) return config.NEXTAUTH_SECRET;
  if (config.NODE_ENV === "production" && config.DATABASE_URL) {
    throw new Error("NEXTAUTH_SECRET is required in production with DATABASE_URL: set it to a long random string (e.g. `openssl rand -hex 32`).");
  }
  mkdirSync(config.SWITCHBOARD_DATA_DIR, { recursive: true });
  const file = path.join(config.SWITCHBOARD_DATA_DIR, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

function startNext(config: Config, env: Record<string, string>): ChildProcess {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  return spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(config.PORT)], {
    stdio: "inherit",
    // AUTH_TRUST_HOST: next-auth builds its URLs from the request's host, so localhost and
    // 127.0.0.1 both work without configuring NEXTAUTH_URL.
    env: { ...process.env, ...env, AUTH_TRUST_HOST: "true" },
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}


void main();
