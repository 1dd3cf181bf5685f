/**
 * Conditions (`where` of triggers, branches, exitOn, goals, until_event waits) evaluated over the
 * data a run can see. Pure: the caller supplies the profile, event, engagement facts, consents and
 * the clock in a `ConditionContext`.
 */
import { DateTime } from "luxon";
import type { ConditionContext } from "./context";
import type { Condition } from "./schema";

/** The part of a context a field path reads: `profile.*`, `event.*`, `journey.*`. */
export type PathScope = Pick<ConditionContext, "profile" | "event" | "journey">;

/**
 * The value at a dotted path (`profile.tier`, `event.items.0.sku`), or undefined when any step
 * is missing. Only own properties are read, so `event.constructor` is undefined, not a function.
 */
export function readPath(scope: PathScope, path: string): unknown {
  const [root, ...rest] = path.split(".");
  if (root !== "profile" && root !== "event" && root !== "journey") return undefined;
  let value: unknown = scope[root];
  for (const key of rest) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function evaluateCondition(c: Condition, ctx: ConditionContext): boolean {
  if ("all" in c) return c.all.every((inner) => evaluateCondition(inner, ctx));
  if ("any" in c) return c.any.some((inner) => evaluateCondition(inner, ctx));
  if ("not" in c) return !evaluateCondition(c.not, ctx);
  if ("field" in c) return evaluateField(c, ctx);
  if ("engagement" in c) return evaluateEngagement(c.engagement, ctx);
  return evaluateConsent(c.consent, ctx);
}

type FieldCondition = Extract<Condition, { field: string }>;
type EngagementCondition = Extract<Condition, { engagement: unknown }>["engagement"];
type ConsentCondition = Extract<Condition, { consent: unknown }>["consent"];

function evaluateField(c: FieldCondition, ctx: ConditionContext): boolean {
  const actual = readPath(ctx, c.field);
  switch (c.op) {
    case "exists":
      return actual !== undefined && actual !== null;
    case "not_exists":
      return actual === undefined || actual === null;
    case "eq":
      return looselyEqual(actual, c.value);
    case "neq":
      return !looselyEqual(actual, c.value);
    case "gt":
      return compare(actual, c.value) > 0;
    case "gte":
      return compare(actual, c.value) >= 0;
    case "lt":
      return compare(actual, c.value) < 0;
    case "lte":
      return compare(actual, c.value) <= 0;
    case "in": {
      const options = Array.isArray(c.value) ? c.value : [c.value];
      const candidates = Array.isArray(actual) ? actual : [actual];
      return candidates.some((a) => options.some((o) => looselyEqual(a, o)));
    }
    case "contains":
      if (typeof actual === "string") return typeof c.value === "string" && actual.includes(c.value);
      if (Array.isArray(actual)) return actual.some((a) => looselyEqual(a, c.value));
      return false;
    default: {
      const _exhaustive: never = c.op;
      return _exhaustive;
    }
  }
}

// ---- coercion ------------------------------------------------------------------------------
// Profile attributes and event properties arrive from JSON written by other systems: a total may
// be "42.50" or 42.5, a date "2025-03-01" or "2025-03-01T09:00:00+01:00". Comparisons coerce
// where the intent is clear and are false (never an exception) where it is not.

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

function toNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && NUMERIC.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Epoch ms of an ISO date or date-time; one without an offset is read as UTC, never server-local. */
function toInstant(v: unknown): number | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.getTime();
  if (typeof v !== "string" || !ISO_DATE.test(v)) return undefined;
  const dt = DateTime.fromISO(v.replace(" ", "T"), { zone: "utc" });
  return dt.isValid ? dt.toMillis() : undefined;
}

function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

/**
 * Equality with coercion: a number equals its numeric string ("42" = 42, but "007" ≠ "7", since
 * two strings compare as text: codes and zips keep their zeros); two ISO times are equal when they
 * name the same instant; `true` equals "true"; missing equals only null/missing.
 */
function looselyEqual(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || b === undefined || b === null) {
    return (a === undefined || a === null) && (b === undefined || b === null);
  }
  if (a instanceof Date || b instanceof Date) {
    const x = toInstant(a);
    return x !== undefined && x === toInstant(b);
  }
  if (typeof a === "number" || typeof b === "number") {
    const [x, y] = [toNumber(a), toNumber(b)];
    return x !== undefined && x === y;
  }
  if (typeof a === "boolean" || typeof b === "boolean") {
    const x = toBoolean(a);
    return x !== undefined && x === toBoolean(b);
  }
  if (typeof a === "string" && typeof b === "string") {
    if (a === b) return true;
    const [x, y] = [toInstant(a), toInstant(b)];
    return x !== undefined && x === y;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => looselyEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && looselyEqual(a[k], b[k]));
  }
  return false;
}

/** Sign of a − b for numbers (or numeric strings), ISO times, or plain text; NaN when incomparable. */
function compare(a: unknown, b: unknown): number {
  const [na, nb] = [toNumber(a), toNumber(b)];
  if (na !== undefined && nb !== undefined) return Math.sign(na - nb);
  const [ta, tb] = [toInstant(a), toInstant(b)];
  if (ta !== undefined && tb !== undefined) return Math.sign(ta - tb);
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return Number.NaN;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// ---- engagement and consent ----------------------------------------------------------------

/**
 * A fact satisfies a weaker status it implies: a message read, opened, clicked or replied to was
 * delivered (receipts can be lost or arrive after the read), and a clicked email was opened
 * (image blocking hides opens).
 */
const SATISFIED_BY: Record<EngagementCondition["status"], readonly EngagementCondition["status"][]> = {
  delivered: ["delivered", "read", "opened", "clicked", "replied"],
  read: ["read"],
  opened: ["opened", "clicked"],
  clicked: ["clicked"],
  replied: ["replied"],
  failed: ["failed"],
};

function evaluateEngagement(e: EngagementCondition, ctx: ConditionContext): boolean {
  const statuses = SATISFIED_BY[e.status];
  const since = e.withinHours === undefined ? undefined : ctx.now.getTime() - e.withinHours * 3_600_000;
  return ctx.engagement.some(
    (fact) =>
      statuses.includes(fact.status) &&
      (e.channel === undefined || fact.channel === e.channel) &&
      (e.node === undefined || fact.nodeId === e.node) &&
      (since === undefined || Date.parse(fact.at) >= since),
  );
}

/**
 * The send rule: an opt-out for the channel (any purpose) blocks everything on it; marketing also
 * needs an explicit opt-in for the channel; transactional needs no opt-in.
 */
function evaluateConsent(c: ConsentCondition, ctx: ConditionContext): boolean {
  const forChannel = ctx.consents.filter((f) => f.channel === c.channel);
  if (forChannel.some((f) => f.status === "opted_out")) return false;
  if (c.purpose === "transactional") return true;
  return forChannel.some((f) => f.purpose === "marketing" && f.status === "opted_in");
}
