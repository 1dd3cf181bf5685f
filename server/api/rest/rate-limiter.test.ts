import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter";

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("createRateLimiter", () => {
  it("allows a burst, then refuses with the seconds until the next token", () => {
    const c = clock();
    const limiter = createRateLimiter({ ratePerSecond: 2, burst: 3, clock: c.now });
    expect([1, 2, 3].map(() => limiter.take("k").ok)).toEqual([true, true, true]);
    expect(limiter.take("k")).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("refills at the rate, never above the burst", () => {
    const c = clock();
    const limiter = createRateLimiter({ ratePerSecond: 2, burst: 3, clock: c.now });
    for (let i = 0; i < 3; i++) limiter.take("k");
    c.advance(500); // one token back
    expect(limiter.take("k").ok).toBe(true);
    expect(limiter.take("k").ok).toBe(false);
    c.advance(60_000);
    expect([1, 2, 3, 4].map(() => limiter.take("k").ok)).toEqual([true, true, true, false]);
  });

  it("keeps one bucket per key", () => {
    const c = clock();
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, clock: c.now });
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b").ok).toBe(true);
  });

  it("rounds Retry-After up for slow rates", () => {
    const c = clock();
    const limiter = createRateLimiter({ ratePerSecond: 0.1, burst: 1, clock: c.now });
    limiter.take("k");
    expect(limiter.take("k")).toEqual({ ok: false, retryAfterSeconds: 10 });
  });

  it("forgets the least recently used keys beyond maxKeys", () => {
    const c = clock();
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, maxKeys: 2, clock: c.now });
    limiter.take("a");
    limiter.take("b");
    limiter.take("c"); // evicts "a"
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("c").ok).toBe(false);
  });
});
