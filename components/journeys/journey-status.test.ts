import { describe, expect, it } from "vitest";
import { statusLabel, type JourneyStatus } from "./journey-status";

describe("statusLabel", () => {
  it.each<[JourneyStatus, number | null, string]>([
    ["draft", null, "Draft"],
    ["live", 3, "Live v3"],
    ["live", null, "Live"],
    ["paused", 2, "Paused (v2)"],
    ["paused", null, "Paused"],
    ["archived", 4, "Archived"],
  ])("%s with live version %s reads %s", (status, liveVersion, expected) => {
    expect(statusLabel(status, liveVersion)).toBe(expected);
  });
});
