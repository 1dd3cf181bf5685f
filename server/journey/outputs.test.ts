import { describe, expect, it } from "vitest";
import { outputsOf } from "./outputs";
import type { JourneyNode } from "./schema";

const position = { x: 0, y: 0 };

describe("outputsOf", () => {
  it.each<[string, JourneyNode, string[]]>([
    ["trigger", { id: "t", type: "trigger", position, config: { kind: "api" } }, ["next"]],
    ["wait duration", { id: "w", type: "wait", position, config: { mode: "duration", duration: { hours: 1 } } }, ["next"]],
    [
      "wait until_time",
      { id: "w", type: "wait", position, config: { mode: "until_time", at: "10:00", timezone: "recipient" } },
      ["next"],
    ],
    [
      "wait until_date",
      { id: "w", type: "wait", position, config: { mode: "until_date", field: "event.appointment_at" } },
      ["next"],
    ],
    [
      "wait until_event",
      { id: "w", type: "wait", position, config: { mode: "until_event", event: "paid", timeout: { days: 1 } } },
      ["event", "timeout"],
    ],
    [
      "send",
      { id: "s", type: "send", position, config: { channel: "sms", content: { body: "Hi" } } },
      ["next", "fallback"],
    ],
    [
      "webhook",
      { id: "h", type: "webhook", position, config: { url: "https://example.com", method: "POST" } },
      ["next", "fallback"],
    ],
    [
      "branch",
      {
        id: "b",
        type: "branch",
        position,
        config: {
          cases: [
            { name: "vip", where: { field: "profile.tier", op: "eq", value: "gold" } },
            { name: "fr", where: { field: "profile.country", op: "eq", value: "FR" } },
          ],
        },
      },
      ["vip", "fr", "else"],
    ],
    [
      "split",
      {
        id: "ab",
        type: "split",
        position,
        config: { variants: [{ name: "a", percent: 50 }, { name: "b", percent: 50 }] },
      },
      ["a", "b"],
    ],
    ["update_profile", { id: "u", type: "update_profile", position, config: { set: { tier: "gold" } } }, ["next"]],
    ["exit", { id: "x", type: "exit", position, config: {} }, []],
  ])("%s", (_, node, outputs) => {
    expect(outputsOf(node)).toEqual(outputs);
  });
});
