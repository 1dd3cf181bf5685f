/**
 * A loop that looks for due work every `pollMs` with a cheap question that locks nothing, and
 * only when something is due does the work (which claims it, e.g. with SKIP LOCKED). Timers and
 * the sandbox's receipts run this way in every engine process.
 */
export type PollLoop = { stop: () => Promise<void> };

/** After a failed look or work, the next look waits at least this long (a database that is down is not asked 40 times a second). */
const AFTER_ERROR_MS = 1_000;

export function startPollLoop(options: {
  pollMs: number;
  isDue: () => Promise<boolean>;
  work: () => Promise<void>;
  onError?: (error: unknown) => void;
}): PollLoop {
  let stopped = false;
  let wakeSleeper: (() => void) | null = null;
  let sleeping: NodeJS.Timeout | undefined;
  const poll = async () => {
    while (!stopped) {
      let failed = false;
      try {
        if (await options.isDue()) await options.work();
      } catch (error) {
        failed = true;
        options.onError?.(error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wakeSleeper = resolve;
        sleeping = setTimeout(resolve, failed ? Math.max(options.pollMs, AFTER_ERROR_MS) : options.pollMs);
      });
    }
  };
  const done = poll();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(sleeping);
      wakeSleeper?.();
      await done;
    },
  };
}
