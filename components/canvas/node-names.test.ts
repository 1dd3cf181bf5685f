import { describe, expect, it } from "vitest";
import type { JourneyNode } from "@/server/journey/schema";
import { nodeAccessibleName } from "./node-names";

const at = { x: 0, y: 0 };
const node = (n: Omit<JourneyNode, "id" | "position">) => ({ id: "n", position: at, ...n }) as JourneyNode;

describe("nodeAccessibleName", () => {
  it.each<[string, JourneyNode, string]>([
    ["event trigger", node({ type: "trigger", config: { kind: "event", event: "order_placed" } }), "Trigger: order_placed"],
    ["API trigger", node({ type: "trigger", config: { kind: "api" } }), "Trigger: API enrolment"],
    ["labelled trigger", node({ type: "trigger", label: "Checkout", config: { kind: "event", event: "order_placed" } }), "Trigger: Checkout"],
    ["wait for a duration", node({ type: "wait", config: { mode: "duration", duration: { minutes: 5 } } }), "Wait 5 min"],
    ["labelled wait", node({ type: "wait", label: "Cool-off", config: { mode: "duration", duration: { hours: 2 } } }), "Wait: Cool-off"],
    [
      "labelled send",
      node({ type: "send", label: "SMS safety net", config: { channel: "sms", content: { body: "ACME: order confirmed." } } }),
      "Send SMS: SMS safety net",
    ],
    ["unlabelled send", node({ type: "send", config: { channel: "sms", content: { body: "ACME: order confirmed." } } }), "Send SMS: ACME: order confirmed."],
    [
      "branch",
      node({ type: "branch", config: { cases: [{ name: "vip", where: { field: "profile.tier", op: "eq", value: "vip" } }] } }),
      "Branch: vip",
    ],
    [
      "split",
      node({ type: "split", config: { variants: [{ name: "a", percent: 50 }, { name: "b", percent: 50 }] } }),
      "A/B split: a 50%, b 50%",
    ],
    ["update profile", node({ type: "update_profile", config: { set: { tier: "vip" } } }), "Update profile: Set tier"],
    ["exit", node({ type: "exit", config: {} }), "Exit"],
    ["labelled exit", node({ type: "exit", label: "Done", config: {} }), "Exit: Done"],
  ])("names a %s", (_what, n, expected) => {
    expect(nodeAccessibleName(n)).toBe(expected);
  });
});
