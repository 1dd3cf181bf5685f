/**
 * Two ways to offer load. Closed loop: `clients` callers each wait for their previous call,
 * which measures throughput. Paced (open loop): calls start on a fixed schedule whether or not
 * earlier ones finished, so a slow system shows up as latency instead of silently lowering the
 * offered rate (no coordinated omission).
 */
export type ClosedLoopResult = { completed: number; wallMs: number; latenciesMs: number[] };

export async function closedLoop(options: {
  clients: number;
  seconds: number;
  maxCalls: number;
  call: (i: number) => Promise<void>;
}): Promise<ClosedLoopResult> {
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  const latenciesMs: number[] = [];
  let issued = 0;
  let lastEnd = start;
  const client = async () => {
    while (issued < options.maxCalls && performance.now() < deadline) {
      const i = issued++;
      const t0 = performance.now();
      await options.call(i);
      lastEnd = performance.now();
      latenciesMs.push(lastEnd - t0);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return { completed: latenciesMs.length, wallMs: lastEnd - start, latenciesMs };
}

export type PacedResult = {
  issued: number;
  firingMs: number;
  settledMs: number;
  failures: number;
  lateStartsMs: number[];
  /** Firing stopped before the planned count because `stopWhen` said so. */
  stoppedEarly: boolean;
};

/** `call` gets the call's index and its scheduled start (Date.now() clock). */
export async function paced(options: {
  perSecond: number;
  seconds: number;
  call: (i: number, scheduledAt: number) => Promise<void>;
  /** Checked between ticks: true stops firing (e.g. the backlog already shows the rate is lost). */
  stopWhen?: () => boolean;
}): Promise<PacedResult> {
  const total = Math.round(options.perSecond * options.seconds);
  const intervalMs = 1000 / options.perSecond;
  const start = performance.now();
  const epochStart = Date.now();
  const pending: Promise<void>[] = [];
  const lateStartsMs: number[] = [];
  let failures = 0;
  let next = 0;
  let stoppedEarly = false;
  while (next < total) {
    if (options.stopWhen?.()) {
      stoppedEarly = true;
      break;
    }
    const now = performance.now();
    while (next < total && start + next * intervalMs <= now) {
      lateStartsMs.push(now - (start + next * intervalMs));
      pending.push(
        options.call(next, epochStart + next * intervalMs).catch(() => {
          failures++;
        }),
      );
      next++;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  const firingMs = performance.now() - start;
  await Promise.all(pending);
  return { issued: next, firingMs, settledMs: performance.now() - start, failures, lateStartsMs, stoppedEarly };
}
