import { describe, expect, it } from "vitest";
import { evaluateCondition, readPath } from "./condition";
import type { ConditionContext, ConsentFact, EngagementFact } from "./context";
import type { Condition } from "./schema";

const NOW = new Date("2025-06-10T12:00:00Z");

function context(overrides: Partial<ConditionContext> = {}): ConditionContext {
  return {
    profile: {
      id: "u1",
      phone: "+33612345678",
      country: "FR",
      tier: "gold",
      points: 1200,
      score: "42.5",
      zip: "01234",
      vip: true,
      tags: ["beta", "newsletter"],
      birthday: "1990-04-01",
      empty: null,
    },
    event: {
      total: 99.9,
      total_text: "150",
      order_id: "A-17",
      appointment_at: "2025-06-11T09:00:00+02:00",
      items: [{ sku: "X1", qty: 2 }],
      note: "Please deliver after 6pm",
    },
    journey: { key: "winback", name: "Win-back", version: 3 },
    engagement: [],
    consents: [],
    now: NOW,
    ...overrides,
  };
}

const field = (f: string, op: Extract<Condition, { op: string }>["op"], value?: unknown): Condition => ({
  field: f,
  op,
  value,
});

describe("readPath", () => {
  it.each<[string, unknown]>([
    ["profile.tier", "gold"],
    ["profile.id", "u1"],
    ["event.appointment_at", "2025-06-11T09:00:00+02:00"],
    ["event.items.0.sku", "X1"],
    ["journey.version", 3],
    ["profile.missing", undefined],
    ["profile.tier.length", undefined],
    ["event.items.5.sku", undefined],
    ["event.constructor", undefined],
    ["profile.__proto__", undefined],
    ["other.tier", undefined],
  ])("%s → %j", (path, value) => {
    expect(readPath(context(), path)).toEqual(value);
  });
});

describe("evaluateCondition: field", () => {
  it.each<[string, Condition, boolean]>([
    ["eq string", field("profile.tier", "eq", "gold"), true],
    ["eq is case-sensitive", field("profile.tier", "eq", "Gold"), false],
    ["eq number", field("profile.points", "eq", 1200), true],
    ["eq number vs numeric string", field("profile.score", "eq", 42.5), true],
    ["eq keeps leading zeros between strings", field("profile.zip", "eq", "1234"), false],
    ["eq boolean vs string", field("profile.vip", "eq", "true"), true],
    ["eq same instant, other notation", field("event.appointment_at", "eq", "2025-06-11T07:00:00Z"), true],
    ["eq missing vs value", field("profile.missing", "eq", "gold"), false],
    ["eq missing vs null", field("profile.missing", "eq", null), true],
    ["neq", field("profile.tier", "neq", "silver"), true],
    ["neq missing", field("profile.missing", "neq", "gold"), true],
    ["gt number", field("event.total", "gt", 50), true],
    ["gt numeric string", field("event.total_text", "gt", 99), true],
    ["gt numeric strings compare as numbers", field("event.total_text", "gt", "99"), true],
    ["gte equal", field("profile.points", "gte", 1200), true],
    ["lt", field("event.total", "lt", 99.9), false],
    ["lte", field("event.total", "lte", "99.9"), true],
    ["gt ISO date-time", field("event.appointment_at", "gt", "2025-06-11T06:59:59Z"), true],
    ["lt ISO date vs date-time", field("profile.birthday", "lt", "1990-04-01T00:00:01Z"), true],
    ["gt incomparable", field("profile.tier", "gt", 5), false],
    ["lt incomparable is not gte either", field("profile.tier", "gte", 5), false],
    ["gt missing", field("profile.missing", "gt", 0), false],
    ["gt text", field("profile.tier", "gt", "a"), true],
    ["in list", field("profile.country", "in", ["GB", "US", "FR"]), true],
    ["in list, absent", field("profile.country", "in", ["GB", "US"]), false],
    ["in list with coercion", field("profile.score", "in", [42.5, 7]), true],
    ["in: an array field overlaps", field("profile.tags", "in", ["vip", "beta"]), true],
    ["in: missing", field("profile.missing", "in", ["x"]), false],
    ["contains substring", field("event.note", "contains", "6pm"), true],
    ["contains is case-sensitive", field("event.note", "contains", "PLEASE"), false],
    ["contains array element", field("profile.tags", "contains", "beta"), true],
    ["contains on a number", field("event.total", "contains", "9"), false],
    ["exists", field("profile.tier", "exists"), true],
    ["exists null", field("profile.empty", "exists"), false],
    ["not_exists missing", field("profile.missing", "not_exists"), true],
    ["not_exists present", field("profile.tier", "not_exists"), false],
  ])("%s", (_, condition, expected) => {
    expect(evaluateCondition(condition, context())).toBe(expected);
  });
});

describe("evaluateCondition: combinators", () => {
  const yes = field("profile.tier", "eq", "gold");
  const no = field("profile.tier", "eq", "silver");
  it.each<[string, Condition, boolean]>([
    ["all true", { all: [yes, yes] }, true],
    ["all with one false", { all: [yes, no] }, false],
    ["any with one true", { any: [no, yes] }, true],
    ["any all false", { any: [no, no] }, false],
    ["not", { not: no }, true],
    ["nested", { all: [yes, { not: { any: [no, { not: yes }] } }] }, true],
  ])("%s", (_, condition, expected) => {
    expect(evaluateCondition(condition, context())).toBe(expected);
  });
});

describe("evaluateCondition: engagement", () => {
  const engagement: EngagementFact[] = [
    { nodeId: "email", channel: "email", status: "clicked", at: "2025-06-10T10:00:00Z" },
    { nodeId: "sms", channel: "sms", status: "delivered", at: "2025-06-08T12:00:00Z" },
    { nodeId: "wa", channel: "whatsapp", status: "failed", at: "2025-06-10T11:30:00Z" },
  ];
  it.each<[string, Condition, boolean]>([
    ["status on any channel", { engagement: { status: "delivered" } }, true],
    ["clicked implies opened", { engagement: { channel: "email", status: "opened" } }, true],
    ["clicked implies delivered", { engagement: { node: "email", status: "delivered" } }, true],
    ["delivered does not imply read", { engagement: { channel: "sms", status: "read" } }, false],
    ["failed is not delivered", { engagement: { channel: "whatsapp", status: "delivered" } }, false],
    ["channel filter", { engagement: { channel: "push", status: "delivered" } }, false],
    ["node filter", { engagement: { node: "wa", status: "failed" } }, true],
    ["within the window", { engagement: { channel: "email", status: "clicked", withinHours: 3 } }, true],
    ["outside the window", { engagement: { channel: "sms", status: "delivered", withinHours: 24 } }, false],
    ["window edge is inclusive", { engagement: { channel: "sms", status: "delivered", withinHours: 48 } }, true],
  ])("%s", (_, condition, expected) => {
    expect(evaluateCondition(condition, context({ engagement }))).toBe(expected);
  });
});

describe("evaluateCondition: consent", () => {
  it.each<[string, ConsentFact[], Condition, boolean]>([
    ["marketing needs an opt-in", [], { consent: { channel: "sms", purpose: "marketing" } }, false],
    [
      "marketing with opt-in",
      [{ channel: "sms", purpose: "marketing", status: "opted_in" }],
      { consent: { channel: "sms", purpose: "marketing" } },
      true,
    ],
    [
      "a transactional opt-in is not a marketing opt-in",
      [{ channel: "sms", purpose: "transactional", status: "opted_in" }],
      { consent: { channel: "sms", purpose: "marketing" } },
      false,
    ],
    [
      "opt-in on another channel does not count",
      [{ channel: "whatsapp", purpose: "marketing", status: "opted_in" }],
      { consent: { channel: "sms", purpose: "marketing" } },
      false,
    ],
    ["transactional needs no opt-in", [], { consent: { channel: "sms", purpose: "transactional" } }, true],
    [
      "any opt-out on the channel blocks transactional",
      [{ channel: "sms", purpose: "marketing", status: "opted_out" }],
      { consent: { channel: "sms", purpose: "transactional" } },
      false,
    ],
    [
      "an opt-out blocks marketing despite an opt-in",
      [
        { channel: "sms", purpose: "marketing", status: "opted_in" },
        { channel: "sms", purpose: "transactional", status: "opted_out" },
      ],
      { consent: { channel: "sms", purpose: "marketing" } },
      false,
    ],
    [
      "an opt-out elsewhere does not block",
      [
        { channel: "email", purpose: "marketing", status: "opted_out" },
        { channel: "sms", purpose: "marketing", status: "opted_in" },
      ],
      { consent: { channel: "sms", purpose: "marketing" } },
      true,
    ],
  ])("%s", (_, consents, condition, expected) => {
    expect(evaluateCondition(condition, context({ consents }))).toBe(expected);
  });
});
