import { describe, expect, it } from "vitest";
import { durationToMs, formatDuration } from "./duration";
import type { SignedDuration } from "./schema";

describe("durationToMs", () => {
  it.each<[SignedDuration, number]>([
    [{ seconds: 30 }, 30_000],
    [{ minutes: 5 }, 300_000],
    [{ hours: 1, minutes: 30 }, 5_400_000],
    [{ days: 3 }, 259_200_000],
    [{ days: 1, hours: 2, minutes: 3, seconds: 4 }, 93_784_000],
    [{ hours: -24 }, -86_400_000],
    [{ hours: 1.5 }, 5_400_000],
    [{ hours: -1, minutes: 30 }, -1_800_000],
  ])("%j → %i ms", (d, ms) => {
    expect(durationToMs(d)).toBe(ms);
  });
});

describe("formatDuration", () => {
  it.each<[SignedDuration, string]>([
    [{ minutes: 5 }, "5 min"],
    [{ hours: 1, minutes: 30 }, "1 h 30 min"],
    [{ hours: -24 }, "-24 h"],
    [{ days: 3 }, "3 d"],
    [{ minutes: 90 }, "90 min"],
    [{ seconds: 45 }, "45 s"],
    [{ days: 1, hours: 0, minutes: 15 }, "1 d 15 min"],
    [{ hours: 1.5 }, "1.5 h"],
    [{ days: -1, hours: -12 }, "-1 d 12 h"],
    [{ hours: -1, minutes: 30 }, "-30 min"],
    [{ days: 1, hours: -1 }, "23 h"],
    [{ minutes: 0 }, "0 s"],
  ])("%j → %s", (d, text) => {
    expect(formatDuration(d)).toBe(text);
  });
});
