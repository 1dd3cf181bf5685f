/**
 * Everything one engine process runs: the graphile-worker pool with the engine's tasks, the
 * timer loop and the sandbox's receipt loop. `npm start` runs one in-process; `npm run worker`
 * runs one alone.
 */
import type { Logger } from "graphile-worker";
import type { Db } from "@/db/client";
import { createProviderRegistry, type ProviderRegistry } from "@/server/channels/registry";
import { startSandboxReceiptLoop } from "@/server/channels/sandbox/sandbox-receipts";
import type { PollLoop } from "./poll-loop";
import { createTaskList } from "./task-list";
import { startTimerLoop } from "./wake-due-runs";
import { startWorkerPool } from "./worker-pool";

export type EngineRuntimeOptions = {
  connectionString: string;
  db: Db;
  concurrency?: number;
  heartbeatMs?: number;
  deadAfterSeconds?: number;
  /** Defaults to the sandbox for every channel. */
  providers?: ProviderRegistry;
  sandboxLatencyMs?: number;
  logger?: Logger;
};

export type EngineRuntime = { poolId: string; stop: () => Promise<void> };

export async function startEngineRuntime(options: EngineRuntimeOptions): Promise<EngineRuntime> {
  const providers = options.providers ?? createProviderRegistry(options.db, { sandboxLatencyMs: options.sandboxLatencyMs ?? 0 });
  const pool = await startWorkerPool({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    heartbeatMs: options.heartbeatMs,
    deadAfterSeconds: options.deadAfterSeconds,
    logger: options.logger,
    taskList: (poolId) => createTaskList({ db: options.db, providers, poolId }),
  });
  const loops = startEngineLoops(options.db, (loop, e) => options.logger?.error(`${loop}: ${String(e)}`));
  return {
    poolId: pool.poolId,
    stop: async () => {
      await loops.stop();
      await pool.stop();
    },
  };
}

/** The loops an engine process runs beside its worker pool: timers and the sandbox's receipts. */
export function startEngineLoops(db: Db, onError?: (loop: string, error: unknown) => void): PollLoop {
  const loops = [
    startTimerLoop(db, { onError: (e) => onError?.("timer loop", e) }),
    startSandboxReceiptLoop(db, { onError: (e) => onError?.("sandbox receipt loop", e) }),
  ];
  return { stop: async () => void (await Promise.all(loops.map((l) => l.stop()))) };
}
