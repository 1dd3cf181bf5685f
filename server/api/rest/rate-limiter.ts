/**
 * Token-bucket rate limiting per API key, in this process's memory.
 *
 * Each key has a bucket of `burst` tokens refilled at `ratePerSecond`; a request takes one.
 * The limit is per process: behind several app processes a key gets that many times the rate.
 * That is enough to stop a runaway integration from starving the others; a shared limit would
 * need a shared store.
 */

export type RateLimitOptions = {
  /** Sustained requests per second per key. Default 50. */
  ratePerSecond?: number;
  /** Requests a key may make at once after being idle. Default 100. */
  burst?: number;
  /** Buckets kept; the least recently used are dropped beyond it (they were refilling anyway). Default 10 000. */
  maxKeys?: number;
  /** Milliseconds clock, for tests. Default `Date.now`. */
  clock?: () => number;
};

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export type RateLimiter = { take(key: string): RateDecision };

export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const { ratePerSecond = 50, burst = 100, maxKeys = 10_000, clock = Date.now } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const now = clock();
      const previous = buckets.get(key);
      const tokens = previous ? Math.min(burst, previous.tokens + ((now - previous.at) / 1000) * ratePerSecond) : burst;
      // Re-inserting keeps the map in least-recently-used order for eviction.
      buckets.delete(key);
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at: now });
        if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
        return { ok: true };
      }
      buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / ratePerSecond)) };
    },
  };
}
