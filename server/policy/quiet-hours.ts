/**
 * Quiet hours: when a send may leave, in the recipient's local time.
 *
 * Which sends are held:
 * - marketing: the workspace's quiet window and the recipient country's rule (if any), even
 *   when marked `urgent` (urgency is for OTPs and security notices, not promotions);
 * - transactional: only when the journey's `quietHours` is "all", and then only the workspace
 *   window (country rules cover marketing only; see country-send-rules.ts);
 * - urgent transactional: never.
 *
 * A held send is deferred to the first minute every applicable rule allows, not dropped.
 * The scan works in local wall-clock time with luxon, so DST changes move the answer with the
 * clock, and it looks at most 14 days ahead: when no minute in that span is allowed (a
 * misconfigured window) the answer is the end of the span and the engine asks again then.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import type { Purpose } from "@/server/journey/schema";
import {
  countryRuleReason,
  countrySendRule,
  type CountryRuleReason,
  type CountrySendRule,
} from "./country-send-rules";
import { LocalTimeSchema, minutesOfDay } from "./local-time";
import { isPublicHoliday } from "./public-holidays";

/** Quiet from `start` (inclusive) to `end` (exclusive), wrapping midnight when start > end. */
export const QuietWindowSchema = z.object({ start: LocalTimeSchema, end: LocalTimeSchema });
export type QuietWindow = z.infer<typeof QuietWindowSchema>;
export const DEFAULT_QUIET_WINDOW: QuietWindow = { start: "21:00", end: "08:00" };

export type JourneyQuietHours = "marketing" | "all";
export type QuietHoursReason = "quiet_hours" | CountryRuleReason;

export type QuietHoursInput = {
  now: Date;
  /** A valid IANA zone (see resolveRecipientTimezone). */
  zone: string;
  /** The recipient's ISO country, for country rules. */
  country?: string | null;
  purpose: Purpose;
  urgent?: boolean;
  journeyQuietHours: JourneyQuietHours;
  /** Defaults to 21:00–08:00. Equal start and end means no workspace quiet hours. */
  workspaceWindow?: QuietWindow;
};

export type QuietHoursDecision = { allowed: true } | { allowed: false; until: Date; reason: QuietHoursReason };

const SCAN_HORIZON_DAYS = 14;

/** Whether local time `t` is blocked; if so, the earliest later time this rule stops blocking. */
type Constraint = (t: DateTime) => { reason: QuietHoursReason; until: DateTime } | undefined;

/**
 * `{allowed: true}` when the send may leave at `now`; otherwise the next allowed minute and the
 * reason that holds it at `now` (country closures first, then the country's window, then the
 * workspace window).
 */
export function nextAllowedSendTime(input: QuietHoursInput): QuietHoursDecision {
  const constraints = applicableConstraints(input);
  const now = DateTime.fromJSDate(input.now, { zone: input.zone });
  if (!now.isValid) throw new Error(`Cannot evaluate quiet hours in zone "${input.zone}"`);

  const first = firstBlock(constraints, now);
  if (!first) return { allowed: true };

  const horizon = now.plus({ days: SCAN_HORIZON_DAYS });
  let t: DateTime = now;
  for (let block: ReturnType<Constraint> = first; block; block = firstBlock(constraints, t)) {
    // Guard against a boundary that lands at or before `t` (an ambiguous hour after DST ends).
    t = block.until > t ? block.until : t.plus({ minutes: 1 }).startOf("minute");
    if (t >= horizon) return { allowed: false, until: horizon.toJSDate(), reason: first.reason };
  }
  return { allowed: false, until: t.toJSDate(), reason: first.reason };
}

function applicableConstraints(input: QuietHoursInput): Constraint[] {
  const marketing = input.purpose === "marketing";
  if (!marketing && (input.urgent || input.journeyQuietHours !== "all")) return [];

  const { start, end } = input.workspaceWindow ?? DEFAULT_QUIET_WINDOW;
  const workspace = start === end ? [] : [allowedWindow(minutesOfDay(end), minutesOfDay(start), "quiet_hours")];
  const rule = marketing ? countrySendRule(input.country) : undefined;
  return [...(rule ? countryConstraints(rule) : []), ...workspace];
}

function countryConstraints(rule: CountrySendRule): Constraint[] {
  const constraints: Constraint[] = [];
  if (rule.closedOnPublicHolidays) {
    const holiday = (t: DateTime) => isPublicHoliday(rule.country, t.toISODate() ?? "");
    constraints.push(closedDay(countryRuleReason.holiday(rule), holiday));
  }
  for (const day of rule.closedWeekdays ?? []) {
    constraints.push(closedDay(countryRuleReason.weekday(rule, day), (t) => t.weekday === day));
  }
  constraints.push(
    allowedWindow(minutesOfDay(rule.window.start), minutesOfDay(rule.window.end), countryRuleReason.window(rule)),
  );
  return constraints;
}

/** Allowed from `from` (inclusive) to `to` (exclusive) minutes of the local day, wrapping midnight when from > to. */
function allowedWindow(from: number, to: number, reason: QuietHoursReason): Constraint {
  return (t) => {
    const m = t.hour * 60 + t.minute;
    const inside = from < to ? m >= from && m < to : m >= from || m < to;
    if (inside) return undefined;
    const day = m < from ? t : t.plus({ days: 1 });
    return { reason, until: day.set({ hour: Math.floor(from / 60), minute: from % 60, second: 0, millisecond: 0 }) };
  };
}

/** Closed for the whole local day when `closed` holds; open again at the next local midnight. */
function closedDay(reason: QuietHoursReason, closed: (t: DateTime) => boolean): Constraint {
  return (t) => (closed(t) ? { reason, until: t.plus({ days: 1 }).startOf("day") } : undefined);
}

function firstBlock(constraints: readonly Constraint[], t: DateTime): ReturnType<Constraint> {
  for (const constraint of constraints) {
    const block = constraint(t);
    if (block) return block;
  }
  return undefined;
}
