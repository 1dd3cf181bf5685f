import { describe, expect, it } from "vitest";
import { EffectSchema, isEnded, RunInputSchema, RunStateSchema } from "./run-state";

const state = {
  status: "waiting",
  nodeId: "w",
  visits: { t: 1, w: 1 },
  wait: { kind: "timer", nodeId: "w", token: "r:w:1", until: "2025-06-02T09:00:00.000Z" },
  data: { event: { order_id: "A1" } },
  enteredAt: "2025-06-02T08:00:00.000Z",
  messages: {},
};

describe("RunStateSchema", () => {
  it("reads a stored state back", () => {
    expect(RunStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it.each([
    ["an unknown status", { ...state, status: "paused" }],
    ["a wait of unknown kind", { ...state, wait: { kind: "sleep", nodeId: "w" } }],
    ["a timer without until", { ...state, wait: { kind: "timer", nodeId: "w", token: "t" } }],
    ["a non-ISO instant", { ...state, enteredAt: "yesterday" }],
    ["a negative visit count", { ...state, visits: { w: -1 } }],
    ["an unknown exit reason", { ...state, status: "exited", exitReason: "bored" }],
    ["a message with an unknown status", { ...state, messages: { k: { nodeId: "s", channel: "sms", status: "lost" } } }],
  ])("rejects %s", (_why, value) => {
    expect(RunStateSchema.safeParse(value).success).toBe(false);
  });

  it.each([["exit_on:order_paid"], ["superseded"], ["loop_limit"]])("accepts exit reason %s", (exitReason) => {
    expect(RunStateSchema.safeParse({ ...state, status: "exited", wait: null, exitReason }).success).toBe(true);
  });

  it.each([
    ["active", false],
    ["waiting", false],
    ["completed", true],
    ["exited", true],
  ] as const)("isEnded(%s) → %s", (status, ended) => {
    expect(isEnded(RunStateSchema.parse({ ...state, status }))).toBe(ended);
  });
});

describe("RunInputSchema", () => {
  it("defaults event properties to {}", () => {
    expect(RunInputSchema.parse({ type: "event", name: "x", at: "2025-06-02T08:00:00Z" })).toEqual({
      type: "event",
      name: "x",
      properties: {},
      at: "2025-06-02T08:00:00Z",
    });
  });

  it.each([
    [{ type: "outcome", key: "k", status: "seen", at: "2025-06-02T08:00:00Z" }],
    [{ type: "dispatch", key: "k", result: "maybe" }],
    [{ type: "cancel", reason: "bored" }],
    [{ type: "wake" }],
  ])("rejects %j", (input) => {
    expect(RunInputSchema.safeParse(input).success).toBe(false);
  });
});

describe("EffectSchema", () => {
  it.each([
    [{ type: "send", key: "r:s:1", nodeId: "s", channel: "email", purpose: "marketing", urgent: false, content: { subject: "Hi", text: "Yo" }, quietHours: "marketing" }],
    [{ type: "schedule", token: "r:w:1", at: "2025-06-02T08:00:00.000Z" }],
    [{ type: "step", kind: "converted", detail: "order_placed after 10 s" }],
  ])("accepts %j", (effect) => {
    expect(EffectSchema.parse(effect)).toEqual(effect);
  });

  it("rejects send content of no channel's shape", () => {
    const send = { type: "send", key: "k", nodeId: "s", channel: "sms", purpose: "marketing", urgent: false, content: { text: 1 }, quietHours: "all" };
    expect(EffectSchema.safeParse(send).success).toBe(false);
  });
});
