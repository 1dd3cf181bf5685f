import { afterEach, describe, expect, it, vi } from "vitest";
import { startPollLoop } from "./poll-loop";

afterEach(() => {
  vi.useRealTimers();
});

describe("startPollLoop", () => {
  it("looks every pollMs and works only when something is due", async () => {
    vi.useFakeTimers();
    const due = [false, true, false, true];
    let looks = 0;
    let works = 0;
    const loop = startPollLoop({ pollMs: 10, isDue: async () => due[looks++] ?? false, work: async () => void works++ });
    await vi.advanceTimersByTimeAsync(35);
    expect(looks).toBe(4);
    expect(works).toBe(2);
    await loop.stop();
  });

  it("waits a second after a failed look, and reports the failure", async () => {
    vi.useFakeTimers();
    let looks = 0;
    const errors: unknown[] = [];
    const loop = startPollLoop({
      pollMs: 10,
      isDue: async () => {
        looks++;
        throw new Error("database down");
      },
      work: async () => {},
      onError: (e) => errors.push(e),
    });
    await vi.advanceTimersByTimeAsync(990);
    expect(looks).toBe(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(looks).toBe(2);
    expect(errors).toEqual([new Error("database down"), new Error("database down")]);
    await loop.stop();
  });

  it("stops without waiting out its sleep (a minute here, far past the test's timeout)", async () => {
    let looks = 0;
    const loop = startPollLoop({
      pollMs: 60_000,
      isDue: async () => {
        looks++;
        return false;
      },
      work: async () => {},
    });
    await new Promise((r) => setTimeout(r, 10));
    await loop.stop();
    expect(looks).toBe(1);
  });
});
