import { describe, expect, it } from "vitest";
import { ConditionSchema, type Condition } from "@/server/journey/schema";
import { formatRuleValue, fromRuleSet, newRule, parseRuleValue, toRuleSet } from "./condition-rules";

describe("toRuleSet / fromRuleSet", () => {
  const field: Condition = { field: "profile.country", op: "in", value: ["GB", "US"] };
  const consent: Condition = { consent: { channel: "whatsapp", purpose: "marketing" } };

  it.each<[string, Condition]>([
    ["a single rule", field],
    ["all of rules", { all: [field, consent] }],
    ["any of rules", { any: [field, { engagement: { status: "clicked", withinHours: 24 } }] }],
  ])("round-trips %s", (_why, c) => {
    const set = toRuleSet(c);
    expect(set).toBeDefined();
    expect(fromRuleSet(set!)).toEqual(c);
  });

  it.each<[string, Condition]>([
    ["not", { not: field }],
    ["nested groups", { all: [field, { any: [consent, field] }] }],
  ])("leaves %s to the JSON editor", (_why, c) => {
    expect(toRuleSet(c)).toBeUndefined();
  });

  it("treats an empty list as no condition", () => {
    expect(fromRuleSet({ join: "any", rules: [] })).toBeUndefined();
  });
});

describe("newRule", () => {
  it.each(["field", "consent", "engagement"] as const)("makes a %s rule the schema accepts once filled", (kind) => {
    const rule = newRule(kind, { field: "profile.tier" });
    const filled = "field" in rule ? { ...rule, value: "gold" } : rule;
    expect(ConditionSchema.safeParse(filled).success).toBe(true);
  });
});

describe("rule values", () => {
  it.each<[string, "eq" | "in", unknown]>([
    ["42", "eq", 42],
    ["4.5", "eq", 4.5],
    ["007", "eq", "007"],
    ["1.", "eq", "1."],
    ["true", "eq", true],
    ["gold", "eq", "gold"],
    ["", "eq", ""],
    ["GB, US, 3", "in", ["GB", "US", 3]],
  ])("parses %j with %s", (text, op, expected) => {
    expect(parseRuleValue(text, op)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    [["GB", "US"], "GB, US"],
    [42, "42"],
    [undefined, ""],
    [true, "true"],
  ])("formats %j", (value, expected) => {
    expect(formatRuleValue(value)).toBe(expected);
  });
});
