/**
 * The rule-list view of a condition that the inspector edits without JSON: one rule, or
 * "all of" / "any of" a list of rules, where a rule is a field test, a consent check or an
 * engagement check. Anything deeper (`not`, nested groups) stays in the JSON editor.
 */
import type { Channel, Condition, Purpose } from "@/server/journey/schema";
import { CONDITION_OPS, ENGAGEMENT_STATUSES } from "@/server/journey/schema";

export type FieldRule = Extract<Condition, { field: string }>;
export type ConsentRule = Extract<Condition, { consent: unknown }>;
export type EngagementRule = Extract<Condition, { engagement: unknown }>;
export type Rule = FieldRule | ConsentRule | EngagementRule;
export type RuleKind = "field" | "consent" | "engagement";
export type Join = "all" | "any";
export type RuleSet = { join: Join; rules: Rule[] };

export function ruleKind(rule: Rule): RuleKind {
  if ("field" in rule) return "field";
  if ("consent" in rule) return "consent";
  return "engagement";
}

function isRule(c: Condition): c is Rule {
  return "field" in c || "consent" in c || "engagement" in c;
}

/** The rule list for `c`, or undefined when it needs the JSON editor. */
export function toRuleSet(c: Condition): RuleSet | undefined {
  if (isRule(c)) return { join: "all", rules: [c] };
  if ("all" in c && c.all.every(isRule)) return { join: "all", rules: c.all as Rule[] };
  if ("any" in c && c.any.every(isRule)) return { join: "any", rules: c.any as Rule[] };
  return undefined;
}

/** One rule stands alone; several are joined. Empty means "no condition". */
export function fromRuleSet(set: RuleSet): Condition | undefined {
  if (set.rules.length === 0) return undefined;
  if (set.rules.length === 1) return set.rules[0];
  return set.join === "all" ? { all: set.rules } : { any: set.rules };
}

export function newRule(kind: RuleKind, defaults: { field?: string; channel?: Channel; purpose?: Purpose } = {}): Rule {
  switch (kind) {
    case "field":
      return { field: defaults.field ?? "profile.country", op: "eq", value: "" };
    case "consent":
      return { consent: { channel: defaults.channel ?? "sms", purpose: defaults.purpose ?? "marketing" } };
    case "engagement":
      return { engagement: { status: ENGAGEMENT_STATUSES[0] } };
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

export const OPS_WITHOUT_VALUE: readonly (typeof CONDITION_OPS)[number][] = ["exists", "not_exists"];

/**
 * A typed value from what the marketer typed: numbers and booleans when the text is exactly
 * one ("42", "true"; "007" stays text), a list for `in` (comma-separated).
 */
export function parseRuleValue(text: string, op: FieldRule["op"]): unknown {
  if (op === "in") return text.split(",").map((part) => parseScalar(part.trim()));
  return parseScalar(text);
}

function parseScalar(text: string): unknown {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text !== "" && String(Number(text)) === text) return Number(text);
  return text;
}

export function formatRuleValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatRuleValue).join(", ");
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
