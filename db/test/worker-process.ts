/** A real `npm run worker` process against a test database, for crash and scale-out tests. */
import { spawn, type ChildProcess } from "node:child_process";

export type WorkerProcess = { child: ChildProcess; kill: (signal?: NodeJS.Signals) => Promise<void> };

export function spawnWorker(databaseUrl: string, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "server/engine/worker-main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      WORKER_CONCURRENCY: "8",
      WORKER_HEARTBEAT_MS: "500",
      WORKER_DEAD_AFTER_SECONDS: "2",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return {
    child,
    kill: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
