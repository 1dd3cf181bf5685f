/**
 * A loop that looks for due work every `pollMs` with a cheap question that locks nothing, and
 * only when something is due does the work (which claims it, e.g. with SKIP LOCKED). Timers and
 * the sandbox's receipts run this way in every engine process.
 */
export type PollLoop = { stop: () => Promise<void> };

export function startPollLoop(options: {
  pollMs: number;
  isDue: () => Promise<boolean>;
  work: () => Promise<void>;
  onError?: (error: unknown) => void;
}): PollLoop {
  let stopped = false;
  let wakeSleeper: (() => void) | null = null;
  const poll = async () => {
    while (!stopped) {
      try {
        if (await options.isDue()) await options.work();
      } catch (error) {
        options.onError?.(error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wakeSleeper = resolve;
        setTimeout(resolve, options.pollMs);
      });
    }
  };
  const done = poll();
  return {
    stop: async () => {
      stopped = true;
      wakeSleeper?.();
      await done;
    },
  };
}
