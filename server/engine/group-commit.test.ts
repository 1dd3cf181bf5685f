import { describe, expect, it } from "vitest";
import { CommittedError } from "@/db/client";
import { createGroupCommitter } from "./group-commit";

type Item = { id: string; keys: readonly string[] };
type Deferred<T> = { promise: Promise<T>; resolve: (value: T) => void };

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const nextTurn = () => new Promise<void>((r) => setImmediate(r));
/** Lets every promise callback run, then the committer start its follow-up batches. */
const settle = async () => {
  await nextTurn();
  await nextTurn();
};

type Batch = { ids: string[]; gate: Deferred<void>; released: boolean };

/**
 * A committer whose `write` parks every batch until the test releases it, and records what it
 * saw: the batches in call order, the most batches in flight at once, and any batch that
 * shared a key with itself or with another batch in flight.
 */
function parkedCommitter(
  options: {
    maxBatch?: number;
    maxConcurrent?: number;
    overlapFrom?: number;
    /** What `write` answers for an item; throwing fails the whole batch. */
    answer?: (item: Item) => string | Error;
  } = {},
) {
  const batches: Batch[] = [];
  const violations: string[] = [];
  const busy = new Map<string, string>();
  let inFlight = 0;
  let peak = 0;
  const committer = createGroupCommitter<Item, string>({
    write: async (items) => {
      const ids = items.map((i) => i.id);
      const seen = new Set<string>();
      for (const item of items) {
        for (const key of item.keys) {
          if (seen.has(key)) violations.push(`key ${key} twice in batch [${ids.join(",")}]`);
          const holder = busy.get(key);
          if (holder) violations.push(`key ${key} of ${item.id} already in flight with ${holder}`);
          seen.add(key);
        }
      }
      for (const item of items) for (const key of item.keys) busy.set(key, item.id);
      const gate = deferred<void>();
      batches.push({ ids, gate, released: false });
      peak = Math.max(peak, ++inFlight);
      try {
        await gate.promise;
        return items.map(options.answer ?? ((i) => `ok:${i.id}`));
      } finally {
        inFlight--;
        for (const item of items) for (const key of item.keys) busy.delete(key);
      }
    },
    keys: (item) => item.keys,
    maxBatch: options.maxBatch ?? 100,
    maxConcurrent: options.maxConcurrent ?? 1,
    ...(options.overlapFrom ? { overlapFrom: options.overlapFrom } : {}),
  });

  const submit = (id: string, keys: readonly string[] = [id]) => committer.submit({ id, keys });

  /** Releases the oldest parked batch and lets whatever follows it start. */
  async function releaseOldest() {
    const batch = batches.find((b) => !b.released);
    if (!batch) throw new Error("no batch is parked");
    batch.released = true;
    batch.gate.resolve();
    await settle();
  }

  /** Releases batches, oldest first, until none is parked. */
  async function drain() {
    await settle();
    while (batches.some((b) => !b.released)) await releaseOldest();
  }

  return { submit, batches, violations, releaseOldest, drain, peak: () => peak };
}

/** The order in which each key's items were written. */
function writeOrderByKey(batches: readonly Batch[], keysOf: ReadonlyMap<string, readonly string[]>) {
  const order = new Map<string, string[]>();
  for (const { ids } of batches) for (const id of ids) for (const key of keysOf.get(id)!) order.set(key, [...(order.get(key) ?? []), id]);
  return order;
}

describe("createGroupCommitter", () => {
  it("writes a lone item at the end of the current turn, in a batch of one, without waiting on a timer", async () => {
    const c = parkedCommitter({ maxConcurrent: 2 });
    const answer = c.submit("a");
    expect(c.batches).toEqual([]);
    await nextTurn();
    expect(c.batches.map((b) => b.ids)).toEqual([["a"]]);
    await c.releaseOldest();
    await expect(answer).resolves.toBe("ok:a");
  });

  it("writes what is submitted in one turn together, rather than the first item alone", async () => {
    const c = parkedCommitter({ maxConcurrent: 1 });
    const answers = ["a", "b", "c"].map((id) => c.submit(id));
    await nextTurn();
    expect(c.batches.map((b) => b.ids)).toEqual([["a", "b", "c"]]);
    await c.drain();
    await expect(Promise.all(answers)).resolves.toEqual(["ok:a", "ok:b", "ok:c"]);
  });

  it("shares what is waiting among the free slots, so the batches' work overlaps", async () => {
    const c = parkedCommitter({ maxConcurrent: 2 });
    const ids = ["a", "b", "c", "d", "e"];
    const answers = ids.map((id) => c.submit(id));
    await nextTurn();
    expect(c.batches.map((b) => b.ids)).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
    await c.drain();
    await expect(Promise.all(answers)).resolves.toEqual(ids.map((id) => `ok:${id}`));
  });

  it("with overlapFrom, lets a trickle wait for the next batch but overlaps batches for a crowd", async () => {
    const c = parkedCommitter({ maxConcurrent: 2, overlapFrom: 3 });
    const answers = [c.submit("a")];
    await nextTurn();
    answers.push(c.submit("b"), c.submit("c"));
    await nextTurn();
    // Two waiting, under the threshold: no second batch while "a" is in flight.
    expect(c.batches.map((b) => b.ids)).toEqual([["a"]]);
    answers.push(c.submit("d"));
    await nextTurn();
    // Three waiting: they overlap the first batch.
    expect(c.batches.map((b) => b.ids)).toEqual([["a"], ["b", "c", "d"]]);
    await c.drain();
    await expect(Promise.all(answers)).resolves.toEqual(["ok:a", "ok:b", "ok:c", "ok:d"]);
  });

  it("with overlapFrom, still fills both slots from a crowd that arrives at once", async () => {
    const c = parkedCommitter({ maxConcurrent: 2, overlapFrom: 3 });
    const ids = ["a", "b", "c", "d", "e", "f"];
    const answers = ids.map((id) => c.submit(id));
    await nextTurn();
    expect(c.batches.map((b) => b.ids)).toEqual([
      ["a", "b", "c"],
      ["d", "e", "f"],
    ]);
    await c.drain();
    await expect(Promise.all(answers)).resolves.toEqual(ids.map((id) => `ok:${id}`));
  });

  it("puts what arrives while a batch is in flight into the next batch, together", async () => {
    const c = parkedCommitter({ maxConcurrent: 1 });
    const answers = [c.submit("a")];
    await settle();
    answers.push(c.submit("b"), c.submit("c"), c.submit("d"));
    await settle();
    expect(c.batches.map((b) => b.ids)).toEqual([["a"]]);

    await c.releaseOldest();
    expect(c.batches.map((b) => b.ids)).toEqual([["a"], ["b", "c", "d"]]);
    await c.releaseOldest();
    await expect(Promise.all(answers)).resolves.toEqual(["ok:a", "ok:b", "ok:c", "ok:d"]);
  });

  it.each([
    { maxBatch: 1, queued: 4, sizes: [1, 1, 1, 1, 1] },
    { maxBatch: 2, queued: 5, sizes: [1, 2, 2, 1] },
    { maxBatch: 3, queued: 6, sizes: [1, 3, 3] },
    { maxBatch: 10, queued: 6, sizes: [1, 6] },
  ])("caps a batch at maxBatch=$maxBatch ($queued queued behind one)", async ({ maxBatch, queued, sizes }) => {
    const c = parkedCommitter({ maxBatch, maxConcurrent: 1 });
    const ids = Array.from({ length: queued + 1 }, (_, i) => `i${i}`);
    const answers = [c.submit(ids[0]!)];
    await settle();
    answers.push(...ids.slice(1).map((id) => c.submit(id)));
    await c.drain();
    expect(c.batches.map((b) => b.ids.length)).toEqual(sizes);
    expect(c.batches.flatMap((b) => b.ids)).toEqual(ids);
    await expect(Promise.all(answers)).resolves.toEqual(ids.map((id) => `ok:${id}`));
  });

  it.each([1, 2, 3])("keeps at most maxConcurrent=%i batches in flight", async (maxConcurrent) => {
    const c = parkedCommitter({ maxBatch: 1, maxConcurrent });
    const answers = Array.from({ length: 8 }, (_, i) => c.submit(`i${i}`));
    await settle();
    expect(c.batches).toHaveLength(maxConcurrent);
    await c.drain();
    expect(c.peak()).toBe(maxConcurrent);
    expect(c.batches).toHaveLength(8);
    await expect(Promise.all(answers)).resolves.toHaveLength(8);
  });

  it("starts a waiting item as soon as a slot frees, without waiting for the other batch in flight", async () => {
    const c = parkedCommitter({ maxBatch: 1, maxConcurrent: 2 });
    for (const id of ["a", "b", "c"]) void c.submit(id);
    await settle();
    expect(c.batches.map((b) => b.ids)).toEqual([["a"], ["b"]]);
    await c.releaseOldest();
    expect(c.batches.map((b) => [b.ids, b.released])).toEqual([
      [["a"], true],
      [["b"], false],
      [["c"], false],
    ]);
    await c.drain();
  });

  it("writes items sharing a key in separate batches, one after the other", async () => {
    const c = parkedCommitter({ maxConcurrent: 2 });
    const submitted: [string, string[]][] = [
      ["a1", ["a"]],
      ["a2", ["a"]],
      ["b1", ["b"]],
      ["a3", ["a"]],
      ["c1", ["c"]],
    ];
    const answers = submitted.map(([id, keys]) => c.submit(id, keys));
    await c.drain();
    expect(c.batches.map((b) => b.ids)).toEqual([["a1", "b1", "c1"], ["a2"], ["a3"]]);
    expect(c.violations).toEqual([]);
    await expect(Promise.all(answers)).resolves.toEqual(submitted.map(([id]) => `ok:${id}`));
  });

  // Each row: items in submission order, with their keys. Whatever the batching, no batch
  // holds a key twice, no key is in two batches in flight, and each key's items are written
  // in the order they were submitted.
  it.each([
    {
      name: "one key per item, interleaved",
      maxBatch: 10,
      maxConcurrent: 2,
      items: [["a1", ["a"]], ["b1", ["b"]], ["a2", ["a"]], ["b2", ["b"]], ["c1", ["c"]], ["a3", ["a"]], ["b3", ["b"]]],
    },
    {
      name: "small batches, many in flight",
      maxBatch: 2,
      maxConcurrent: 3,
      items: [["a1", ["a"]], ["a2", ["a"]], ["b1", ["b"]], ["c1", ["c"]], ["a3", ["a"]], ["d1", ["d"]], ["b2", ["b"]], ["a4", ["a"]]],
    },
    {
      name: "items with two keys (profile and idempotency key) that chain",
      maxBatch: 10,
      maxConcurrent: 2,
      items: [["x", ["p:2", "k:1"]], ["y", ["p:1", "k:1"]], ["z", ["p:1"]]],
    },
    {
      name: "items with two keys, the second key shared later",
      maxBatch: 10,
      maxConcurrent: 3,
      items: [["x", ["p:1"]], ["y", ["p:2", "p:1"]], ["z", ["p:2"]], ["w", ["p:3"]]],
    },
  ] as { name: string; maxBatch: number; maxConcurrent: number; items: [string, string[]][] }[])(
    "keeps keys apart and in submission order: $name",
    async ({ maxBatch, maxConcurrent, items }) => {
      const c = parkedCommitter({ maxBatch, maxConcurrent });
      const answers = items.map(([id, keys]) => c.submit(id, keys));
      await c.drain();
      expect(c.violations).toEqual([]);
      const keysOf = new Map(items);
      const expectedOrder = new Map<string, string[]>();
      for (const [id, keys] of items) for (const key of keys) expectedOrder.set(key, [...(expectedOrder.get(key) ?? []), id]);
      expect(writeOrderByKey(c.batches, keysOf)).toEqual(expectedOrder);
      await expect(Promise.all(answers)).resolves.toEqual(items.map(([id]) => `ok:${id}`));
    },
  );

  it("rejects only the caller whose result is an Error, without rewriting the batch", async () => {
    const refused = new Error("refused: b");
    const c = parkedCommitter({ answer: (i) => (i.id === "b" ? refused : `ok:${i.id}`) });
    const first = c.submit("first");
    await settle();
    // Settled from the start, so a rejection is handled when it happens.
    const outcomes = Promise.allSettled(["a", "b", "c"].map((id) => c.submit(id)));
    await c.drain();
    expect(c.batches.map((b) => b.ids)).toEqual([["first"], ["a", "b", "c"]]);
    await expect(first).resolves.toBe("ok:first");
    const settled = await outcomes;
    expect(settled).toEqual([
      { status: "fulfilled", value: "ok:a" },
      { status: "rejected", reason: refused },
      { status: "fulfilled", value: "ok:c" },
    ]);
    // The very Error `write` returned, not a copy.
    expect(settled[1]).toHaveProperty("reason", refused);
    expect((settled[1] as PromiseRejectedResult).reason).toBe(refused);
  });

  it("retries a thrown batch item by item: the good items resolve, only the bad one rejects with its own error", async () => {
    const c = parkedCommitter({
      answer: (i) => {
        if (i.id.startsWith("bad")) throw new Error(`cannot write ${i.id}`);
        return `ok:${i.id}`;
      },
    });
    const first = c.submit("first");
    await settle();
    const ids = ["a", "bad1", "b", "bad2", "c"];
    const outcomes = Promise.allSettled(ids.map((id) => c.submit(id)));
    await c.drain();
    expect(c.batches.map((b) => b.ids)).toEqual([["first"], ids, ...ids.map((id) => [id])]);
    await expect(first).resolves.toBe("ok:first");
    const settled = await outcomes;
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).toEqual([
      "ok:a",
      "cannot write bad1",
      "ok:b",
      "cannot write bad2",
      "ok:c",
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected", "fulfilled"]);
  });

  it("fails every item of a batch that committed despite its error, without writing any again", async () => {
    const c = parkedCommitter({
      answer: (i) => {
        if (i.id === "b") throw new CommittedError(new Error("failed after commitWith"));
        return `ok:${i.id}`;
      },
    });
    const first = c.submit("first");
    await settle();
    const outcomes = Promise.allSettled(["a", "b", "c"].map((id) => c.submit(id)));
    await c.drain();
    await expect(first).resolves.toBe("ok:first");
    expect(c.batches.map((b) => b.ids)).toEqual([["first"], ["a", "b", "c"]]);
    expect((await outcomes).map((s) => s.status === "rejected" && s.reason instanceof CommittedError)).toEqual([true, true, true]);
  });

  it("rejects a lone item whose write throws, without retrying it", async () => {
    const c = parkedCommitter({
      answer: () => {
        throw new Error("down");
      },
    });
    const answer = c.submit("a");
    const outcome = answer.catch((e: unknown) => e);
    await c.drain();
    expect(await outcome).toEqual(new Error("down"));
    expect(c.batches).toHaveLength(1);
  });

  it("hands each caller the result at its own position in the batch", async () => {
    const c = parkedCommitter({ maxConcurrent: 1, answer: (i) => `${i.id.length}:${i.id.toUpperCase()}` });
    const ids = ["x", "yy", "zzz", "w", "vv"];
    const answers = ids.map((id) => c.submit(id));
    await c.drain();
    expect(c.batches.map((b) => b.ids)).toEqual([ids]);
    for (const [i, id] of ids.entries()) await expect(answers[i]).resolves.toBe(`${id.length}:${id.toUpperCase()}`);
  });

  it("keeps accepting work after a batch failed", async () => {
    let down = true;
    const c = parkedCommitter({
      answer: (i) => {
        if (down) throw new Error(`down for ${i.id}`);
        return `ok:${i.id}`;
      },
    });
    const failed = c.submit("a").catch((e: unknown) => (e as Error).message);
    await c.drain();
    expect(await failed).toBe("down for a");
    down = false;
    const answer = c.submit("a");
    await c.drain();
    await expect(answer).resolves.toBe("ok:a");
  });
});
