/**
 * Timers without a job per wait: a run's wake-up time lives on its row (`next_wake_at`, a
 * partial index), and every engine process polls for due runs, claiming them with SKIP LOCKED
 * so processes never wake the same run twice. Each batch commits once and is woken set-based;
 * if that fails, each run of the batch is woken under its own savepoint, so one broken run is
 * set aside without holding up the others.
 *
 * Why not graphile-worker `run_at` jobs: an `add_jobs` per wait was the most expensive
 * statement of the engine, and graphile slows down with many future jobs (engine notes).
 */
import { and, asc, eq, lte } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { runs } from "@/db/schema";
import { RunStateSchema } from "@/server/journey/run-state";
import { applyInput, applyInputs } from "./apply-input";
import { startPollLoop, type PollLoop } from "./poll-loop";
import { anyOf } from "./sql-sets";

export const WAKE_BATCH = 50;
/** Loops per process: a burst of due runs is worked off in parallel, like jobs by workers. */
export const WAKE_LOOPS = 4;
/**
 * How often to look for due runs: the bound on a timer's lateness when the engine keeps up. An
 * idle look is one index probe that locks nothing, so it can be frequent.
 */
export const WAKE_POLL_MS = 25;
/** A run whose wake-up throws is retried after this, instead of blocking its batch. */
const RETRY_AFTER_MS = 60_000;

export async function wakeDueRuns(db: Db, options: { now?: Date; limit?: number; onError?: (runId: string, error: unknown) => void } = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: runs.id, state: runs.state })
      .from(runs)
      .where(and(lte(runs.nextWakeAt, now), eq(runs.status, "waiting")))
      .orderBy(asc(runs.nextWakeAt))
      .limit(options.limit ?? WAKE_BATCH)
      .for("update", { skipLocked: true });
    if (due.length === 0) return 0;
    try {
      // The whole batch set-based, under one savepoint: the common case costs a few statements.
      await tx.transaction(async (savepoint) => {
        const tokens = due.map((run) => {
          const wait = RunStateSchema.parse(run.state).wait;
          return wait && "token" in wait ? wait.token : null;
        });
        const wakes = due.flatMap((run, i) => (tokens[i] ? [{ runId: run.id, input: { type: "wake" as const, token: tokens[i] } }] : []));
        const stale = due.filter((_, i) => !tokens[i]).map((run) => run.id);
        await applyInputs(savepoint, wakes, now);
        if (stale.length > 0) await savepoint.update(runs).set({ nextWakeAt: null }).where(anyOf(runs.id, stale));
      });
    } catch {
      // Something in the batch is broken: wake run by run, so only the broken ones wait.
      for (const run of due) await wakeAlone(tx, run, now, options.onError);
    }
    return due.length;
  });
}

async function wakeAlone(tx: Tx, run: { id: string; state: unknown }, now: Date, onError?: (runId: string, error: unknown) => void) {
  try {
    await tx.transaction(async (savepoint) => {
      const wait = RunStateSchema.parse(run.state).wait;
      const token = wait && "token" in wait ? wait.token : null;
      if (token) await applyInput(savepoint, run.id, { type: "wake", token }, now);
      else await savepoint.update(runs).set({ nextWakeAt: null }).where(eq(runs.id, run.id));
    });
  } catch (error) {
    onError?.(run.id, error);
    await tx.update(runs).set({ nextWakeAt: new Date(now.getTime() + RETRY_AFTER_MS) }).where(eq(runs.id, run.id));
  }
}

/** Whether any run is due, without locking anything: one cheap statement per idle poll. */
async function anyDue(db: Db, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: runs.id })
    .from(runs)
    .where(and(lte(runs.nextWakeAt, now), eq(runs.status, "waiting")))
    .limit(1);
  return row !== undefined;
}

/**
 * Polls for due runs until stopped: one look every `pollMs`, and when runs are due, `loops`
 * loops work them off side by side (SKIP LOCKED keeps them apart), each going on at once after
 * a full batch.
 */
export function startTimerLoop(
  db: Db,
  options: { pollMs?: number; loops?: number; onError?: (error: unknown) => void } = {},
): PollLoop {
  let stopped = false;
  const workOff = async () => {
    let woke = WAKE_BATCH;
    while (woke === WAKE_BATCH && !stopped) {
      woke = await wakeDueRuns(db, { onError: (runId, e) => options.onError?.(new Error(`waking run ${runId}: ${String(e)}`)) });
    }
  };
  const loop = startPollLoop({
    pollMs: options.pollMs ?? WAKE_POLL_MS,
    isDue: () => anyDue(db, new Date()),
    work: async () => {
      const loops = await Promise.allSettled(Array.from({ length: options.loops ?? WAKE_LOOPS }, workOff));
      for (const l of loops) if (l.status === "rejected") options.onError?.(l.reason);
    },
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return {
    stop: async () => {
      stopped = true;
      await loop.stop();
    },
  };
}
