import { describe, expect, it } from "vitest";
import { LocalTimeSchema, minutesOfDay } from "./local-time";

describe("local times", () => {
  it.each([
    ["00:00", 0],
    ["08:00", 480],
    ["21:30", 1290],
    ["23:59", 1439],
  ])("%s is minute %i of the day", (time, minutes) => {
    expect(LocalTimeSchema.parse(time)).toBe(time);
    expect(minutesOfDay(time)).toBe(minutes);
  });

  it.each(["24:00", "8:00", "08:60", "0800", "08:00:00", ""])("%j is not HH:MM", (time) => {
    expect(LocalTimeSchema.safeParse(time).success).toBe(false);
    expect(() => minutesOfDay(time)).toThrow(/HH:MM/);
  });
});
