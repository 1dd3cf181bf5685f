/**
 * Group commit: callers submit items one by one; whatever arrives while a batch is being
 * written goes into the next batch, written in one transaction. Nobody waits on a timer: with
 * a slot free an item starts at the end of the current turn of the event loop, so a quiet
 * system answers as fast as before, and a busy one amortises the transaction's round trips
 * and its WAL flush over many items.
 *
 * Items that touch the same thing (same `keys`) never share a batch, nor run in two batches at
 * once, so a batch never has to order them and two batches never lock each other. If a batch
 * fails as a whole, each of its items is retried alone, so one bad item fails only its caller
 * (unless the transaction committed all the same: see `CommittedError`).
 */
import { CommittedError } from "@/db/client";

export type GroupCommitOptions<Item, Result> = {
  /** Writes a batch; one result or Error per item, in order. Throwing fails the whole batch. */
  write: (items: Item[]) => Promise<(Result | Error)[]>;
  /** What an item touches; items sharing a key are written one after the other. */
  keys: (item: Item) => readonly string[];
  maxBatch: number;
  /** Batches in flight at once (each holds one database connection). */
  maxConcurrent: number;
  /**
   * With a batch already in flight, another starts only once this many items wait (default 1).
   * A trickle then waits to join one bigger batch; a crowd still gets overlapping batches.
   */
  overlapFrom?: number;
};

type Pending<Item, Result> = { item: Item; keys: readonly string[]; resolve: (r: Result) => void; reject: (e: unknown) => void };

export type GroupCommitter<Item, Result> = { submit: (item: Item) => Promise<Result> };

export function createGroupCommitter<Item, Result>(options: GroupCommitOptions<Item, Result>): GroupCommitter<Item, Result> {
  const queue: Pending<Item, Result>[] = [];
  const busyKeys = new Set<string>();
  let inFlight = 0;
  let pumpScheduled = false;

  // Items submitted in the same turn of the event loop (e.g. every caller a finished batch
  // just answered, or a burst of requests read from one socket) go out together: starting
  // the first one alone would take a batch slot for a batch of one.
  function schedulePump() {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  }

  function pump() {
    while (inFlight < options.maxConcurrent && queue.length >= (inFlight === 0 ? 1 : (options.overlapFrom ?? 1))) {
      // What is waiting is shared among the free slots, so the batches' work overlaps.
      const batch = takeBatch(Math.min(options.maxBatch, Math.ceil(queue.length / (options.maxConcurrent - inFlight))));
      if (batch.length === 0) return;
      inFlight++;
      void writeBatch(batch).finally(() => {
        inFlight--;
        for (const p of batch) for (const k of p.keys) busyKeys.delete(k);
        schedulePump();
      });
    }
  }

  function takeBatch(size: number): Pending<Item, Result>[] {
    const batch: Pending<Item, Result>[] = [];
    // Keys of items left waiting: a later item sharing one must not overtake them.
    const waiting = new Set<string>();
    for (let i = 0; i < queue.length && batch.length < size; ) {
      const p = queue[i]!;
      if (p.keys.some((k) => busyKeys.has(k) || waiting.has(k))) {
        for (const k of p.keys) waiting.add(k);
        i++;
        continue;
      }
      for (const k of p.keys) busyKeys.add(k);
      batch.push(p);
      queue.splice(i, 1);
    }
    return batch;
  }

  async function writeBatch(batch: Pending<Item, Result>[]) {
    let results: (Result | Error)[];
    try {
      results = await options.write(batch.map((p) => p.item));
    } catch (error) {
      // A batch that committed all the same is never written again: every item fails as it is.
      if (batch.length === 1 || error instanceof CommittedError) return batch.forEach((p) => p.reject(error));
      for (const p of batch) await writeBatch([p]);
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i];
      if (r instanceof Error) p.reject(r);
      else p.resolve(r as Result);
    });
  }

  return {
    submit: (item) =>
      new Promise<Result>((resolve, reject) => {
        queue.push({ item, keys: options.keys(item), resolve, reject });
        schedulePump();
      }),
  };
}
