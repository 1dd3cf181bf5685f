/**
 * The engine as `npm start` runs it, in its own process (bench/engine-process.ts) so the API
 * calls of this process and the engine's work each have their own JavaScript thread, as in
 * production. What it reports over IPC is gathered here: when the sandbox had each message,
 * and every job's queue wait and run time.
 */
import { fork } from "node:child_process";
import path from "node:path";
import { DEFAULT_WORKER_CONCURRENCY } from "@/server/config";
import type { EngineReport } from "./engine-process";

export type JobTimes = { queueWaitMs: number[]; runMs: number[] };

export type EngineUnderTest = {
  /** The engine process, for CPU accounting. */
  pid: number;
  /** Run id → Date.now() when the sandbox returned from its send, from either process. */
  sentAt: Map<string, number>;
  jobs: Map<string, JobTimes>;
  stop: () => Promise<void>;
};

export const ENGINE_CONCURRENCY = DEFAULT_WORKER_CONCURRENCY;

/** `sentAt` is shared with the API side's immediate sends, which note theirs in it too. */
export async function startEngineUnderTest(url: string, sentAt: Map<string, number>): Promise<EngineUnderTest> {
  const child = fork(path.join(import.meta.dirname, "engine-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const jobs = new Map<string, JobTimes>();
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the engine process exited (${code}) before it was ready`)));
    child.on("message", (report: EngineReport) => {
      switch (report.type) {
        case "ready":
          resolve();
          break;
        case "sent":
          for (const [runId, at] of report.sent) sentAt.set(runId, at);
          break;
        case "jobs":
          for (const [task, queueWaitMs, runMs] of report.jobs) {
            const times = jobs.get(task) ?? { queueWaitMs: [], runMs: [] };
            times.queueWaitMs.push(queueWaitMs);
            times.runMs.push(runMs);
            jobs.set(task, times);
          }
          break;
        default: {
          const _exhaustive: never = report;
          return _exhaustive;
        }
      }
    });
  });
  child.removeAllListeners("exit");
  return {
    pid: child.pid!,
    sentAt,
    jobs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send({ type: "stop" });
      }),
  };
}
