import { describe, expect, it } from "vitest";
import { isValidZone, nextLocalTime, parseInstant, wallTimeToInstant } from "./local-time";

describe("wallTimeToInstant", () => {
  it.each([
    // ordinary times
    ["Europe/Paris", "2025-01-15 10:00", "2025-01-15T09:00:00.000Z"],
    ["Europe/Paris", "2025-07-15 10:00", "2025-07-15T08:00:00.000Z"],
    // spring-forward gaps move forward by the gap
    ["America/New_York", "2025-03-09 02:30", "2025-03-09T07:30:00.000Z"], // = 03:30 EDT
    ["Europe/London", "2025-03-30 01:30", "2025-03-30T01:30:00.000Z"], // = 02:30 BST
    // fall-back repeats resolve to the first occurrence
    ["America/New_York", "2025-11-02 01:30", "2025-11-02T05:30:00.000Z"], // = 01:30 EDT
    ["Europe/Berlin", "2025-10-26 02:30", "2025-10-26T00:30:00.000Z"], // = 02:30 CEST
    // half-hour zones
    ["Australia/Lord_Howe", "2025-04-06 01:45", "2025-04-05T14:45:00.000Z"], // a repeated half hour: first pass, +11:00 (not 15:15Z)
    ["Asia/Kolkata", "2025-04-06 09:00", "2025-04-06T03:30:00.000Z"],
  ])("%s %s → %s", (zone, local, expected) => {
    const [date, time] = local.split(" ") as [string, string];
    const [year, month, day] = date.split("-").map(Number) as [number, number, number];
    const [hour, minute] = time.split(":").map(Number) as [number, number];
    expect(wallTimeToInstant(zone, { year, month, day, hour, minute }).toISOString()).toBe(expected);
  });
});

describe("nextLocalTime", () => {
  it.each([
    { why: "later today", at: "10:00", zone: "UTC", now: "2025-06-02T08:00:00Z", expected: "2025-06-02T10:00:00.000Z" },
    { why: "passed today → tomorrow", at: "10:00", zone: "UTC", now: "2025-06-02T11:00:00Z", expected: "2025-06-03T10:00:00.000Z" },
    { why: "exactly now → next occurrence", at: "10:00", zone: "UTC", now: "2025-06-02T10:00:00Z", expected: "2025-06-03T10:00:00.000Z" },
    { why: "within the minute → next occurrence", at: "10:00", zone: "UTC", now: "2025-06-02T10:00:30Z", expected: "2025-06-03T10:00:00.000Z" },
    { why: "a second before", at: "10:00", zone: "UTC", now: "2025-06-02T09:59:59Z", expected: "2025-06-02T10:00:00.000Z" },
    // 2025-06-06 is a Friday: after 10:00 on Friday, weekdays only → Monday
    { why: "weekdays after Friday's time", at: "10:00", days: ["mon", "tue", "wed", "thu", "fri"], zone: "Europe/Paris", now: "2025-06-06T09:00:00Z", expected: "2025-06-09T08:00:00.000Z" },
    { why: "only today's weekday, passed → a week later", at: "10:00", days: ["fri"], zone: "UTC", now: "2025-06-06T11:00:00Z", expected: "2025-06-13T10:00:00.000Z" },
    { why: "local date differs from UTC date", at: "09:00", zone: "Pacific/Auckland", now: "2025-06-02T22:00:00Z", expected: "2025-06-03T21:00:00.000Z" },
    // DST: Saturday before the London spring-forward; 09:00 on Sunday is BST
    { why: "across spring-forward", at: "09:00", zone: "Europe/London", now: "2025-03-29T10:00:00Z", expected: "2025-03-30T08:00:00.000Z" },
    { why: "across fall-back", at: "09:00", zone: "Europe/London", now: "2025-10-25T10:00:00Z", expected: "2025-10-26T09:00:00.000Z" },
    { why: "a time in the gap", at: "02:30", zone: "America/New_York", now: "2025-03-08T12:00:00Z", expected: "2025-03-09T07:30:00.000Z" },
    { why: "a repeated time, first pass", at: "01:30", zone: "America/New_York", now: "2025-11-01T12:00:00Z", expected: "2025-11-02T05:30:00.000Z" },
    { why: "a repeated time, already past its first pass", at: "01:30", zone: "America/New_York", now: "2025-11-02T05:45:00Z", expected: "2025-11-03T06:30:00.000Z" },
  ] as const)("$why", ({ at, zone, now, expected, ...rest }) => {
    const days = "days" in rest ? rest.days : undefined;
    expect(nextLocalTime(at, days, zone, new Date(now)).toISOString()).toBe(expected);
  });
});

describe("parseInstant", () => {
  it.each([
    ["2025-06-02T10:00:00Z", "Europe/Paris", "2025-06-02T10:00:00.000Z"],
    ["2025-06-02T10:00:00+02:00", "UTC", "2025-06-02T08:00:00.000Z"],
    ["2025-06-02T10:00", "Europe/Paris", "2025-06-02T08:00:00.000Z"],
    ["2025-06-02", "America/New_York", "2025-06-02T04:00:00.000Z"],
  ])("%s in %s → %s", (value, zone, expected) => {
    expect(parseInstant(value, zone)?.toISOString()).toBe(expected);
  });

  it.each([[undefined], [null], [1_700_000_000_000], ["next tuesday"], [{}]])("%j is unreadable", (value) => {
    expect(parseInstant(value, "UTC")).toBeNull();
  });
});

describe("isValidZone", () => {
  it.each([
    ["Europe/Paris", true],
    ["UTC", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
  ])("%s → %s", (zone, valid) => {
    expect(isValidZone(zone)).toBe(valid);
  });
});
