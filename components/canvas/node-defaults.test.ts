import { describe, expect, it } from "vitest";
import { CHANNELS, NODE_TYPES, NodeSchema, TriggerConfigSchema, WaitConfigSchema, type SendConfig } from "@/server/journey/schema";
import {
  contentText,
  defaultConfig,
  evenSplit,
  freshName,
  sendConfigFor,
  switchChannel,
  triggerConfigFor,
  waitConfigFor,
} from "./node-defaults";

describe("defaultConfig", () => {
  // Defaults leave blanks only a marketer can fill (event name, URL); everything else parses.
  const needsInput = new Set(["trigger", "webhook"]);
  it.each(NODE_TYPES)("gives %s a config of the right shape", (type) => {
    const parsed = NodeSchema.safeParse({ id: "n", type, position: { x: 0, y: 0 }, config: defaultConfig(type) });
    expect(parsed.success).toBe(!needsInput.has(type));
  });
});

describe("switchChannel", () => {
  const whatsapp: SendConfig = {
    channel: "whatsapp",
    purpose: "marketing",
    content: { body: "Hello {{ profile.first_name }}" },
    await: { outcome: "read", within: { minutes: 10 } },
  };

  it.each(CHANNELS)("keeps the words when switching to %s", (channel) => {
    const next = switchChannel(whatsapp, channel);
    expect(next.channel).toBe(channel);
    expect(contentText(next).text).toBe("Hello {{ profile.first_name }}");
    expect(next.purpose).toBe("marketing");
    expect(NodeSchema.safeParse({ id: "n", type: "send", position: { x: 0, y: 0 }, config: next }).success).toBe(true);
  });

  it.each([
    ["push", "read"],
    ["sms", "delivered"],
    ["email", "delivered"],
  ] as const)("to %s the await outcome becomes %s", (channel, outcome) => {
    expect(switchChannel(whatsapp, channel).await).toEqual({ outcome, within: { minutes: 10 } });
  });

  it("carries a title between email, push and in-app", () => {
    const email = sendConfigFor("email", { title: "Invoice", text: "Pay now" });
    expect(switchChannel(email, "push").content).toEqual({ title: "Invoice", body: "Pay now" });
    expect(switchChannel(email, "sms").content).toEqual({ body: "Pay now" });
  });

  it("returns the same config for the same channel", () => {
    expect(switchChannel(whatsapp, "whatsapp")).toBe(whatsapp);
  });
});

describe("triggerConfigFor / waitConfigFor", () => {
  it("keeps the audience condition between event and schedule triggers", () => {
    const where = { field: "profile.country", op: "eq", value: "GB" } as const;
    expect(triggerConfigFor("schedule", { kind: "event", event: "x", where })).toEqual({ kind: "schedule", where });
    expect(triggerConfigFor("event", { kind: "schedule", where })).toEqual({ kind: "event", event: "", where });
    expect(triggerConfigFor("api", { kind: "event", event: "x", where })).toEqual({ kind: "api" });
  });

  it("makes valid schedules and api triggers outright", () => {
    expect(TriggerConfigSchema.safeParse(triggerConfigFor("schedule")).success).toBe(true);
    expect(TriggerConfigSchema.safeParse(triggerConfigFor("api")).success).toBe(true);
  });

  it.each(["duration", "until_time", "until_date"] as const)("makes a valid %s wait", (mode) => {
    expect(WaitConfigSchema.safeParse(waitConfigFor(mode)).success).toBe(true);
  });
});

describe("evenSplit / freshName", () => {
  it.each([
    [1, [100]],
    [2, [50, 50]],
    [3, [34, 33, 33]],
    [7, [15, 15, 14, 14, 14, 14, 14]],
  ])("splits %i ways", (count, expected) => {
    expect(evenSplit(count)).toEqual(expected);
    expect(evenSplit(count).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("names past the taken ones", () => {
    expect(freshName("case", [])).toBe("case_1");
    expect(freshName("case", ["case_2", "x"])).toBe("case_3");
    expect(freshName("variant", ["a", "variant_3", "b"])).toBe("variant_4");
  });
});
