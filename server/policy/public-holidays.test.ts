import { describe, expect, it } from "vitest";
import { isPublicHoliday } from "./public-holidays";

describe("isPublicHoliday", () => {
  it.each([
    ["FR", "2025-01-01", true],
    ["FR", "2025-04-21", true], // Easter Monday
    ["FR", "2025-05-08", true],
    ["FR", "2025-05-29", true], // Ascension
    ["FR", "2025-06-09", true], // Whit Monday
    ["FR", "2025-07-14", true],
    ["FR", "2025-12-25", true],
    ["FR", "2026-05-14", true], // Ascension moves with Easter
    ["fr", "2025-11-11", true],
    ["FR", "2025-05-25", false], // Mother's Day: an observance
    ["FR", "2025-04-18", false], // Good Friday: Alsace-Moselle only
    ["FR", "2025-12-24", false],
    ["FR", "2025-06-10", false],
    ["US", "2025-07-04", true],
    ["XX", "2025-12-25", false],
  ] as const)("%s %s → %s", (country, date, expected) => {
    expect(isPublicHoliday(country, date)).toBe(expected);
  });
});
