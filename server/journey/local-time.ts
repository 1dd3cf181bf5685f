/**
 * Wall-clock arithmetic for `wait` nodes (until_time, until_date) in an IANA zone, DST-safe.
 *
 * A local time that does not exist (the spring-forward gap) is moved forward by the gap:
 * 02:30 on the night New York jumps from 02:00 to 03:00 becomes 03:30 EDT. A local time that
 * exists twice (fall-back) resolves to its first occurrence: 01:30 on the night New York goes
 * back from 02:00 to 01:00 is 01:30 EDT, not EST.
 */
import { DateTime, IANAZone } from "luxon";
import { WEEKDAYS } from "./schema";

type Weekday = (typeof WEEKDAYS)[number];

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The instant at which the wall clock in `zone` shows the given local date and time. */
export function wallTimeToInstant(
  zone: string,
  local: { year: number; month: number; day: number; hour: number; minute: number },
): Date {
  const z = IANAZone.create(zone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Offsets (minutes) in force a day either side cover every transition near this wall time.
  const before = z.offset(asUtc - DAY_MS);
  const after = z.offset(asUtc + DAY_MS);
  const matches = [...new Set([before, after])]
    .map((offset) => asUtc - offset * MINUTE_MS)
    .filter((t) => z.offset(t) * MINUTE_MS === asUtc - t)
    .sort((a, b) => a - b);
  return new Date(matches[0] ?? asUtc - before * MINUTE_MS);
}

/**
 * The first instant strictly after `now` at which `zone` shows `at` (HH:MM) on one of `days`
 * (every day when omitted). If `now` is exactly that minute, the next occurrence is chosen: a
 * wait never ends in the step that started it.
 */
export function nextLocalTime(at: string, days: readonly Weekday[] | undefined, zone: string, now: Date): Date {
  const [hour, minute] = at.split(":").map(Number) as [number, number];
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  // Eight days: today's time may have passed and the only allowed weekday be today's.
  for (let i = 0; i <= 7; i++) {
    const date = today.plus({ days: i });
    const weekday = WEEKDAYS[date.weekday - 1];
    if (days && weekday && !days.includes(weekday)) continue;
    const instant = wallTimeToInstant(zone, { year: date.year, month: date.month, day: date.day, hour, minute });
    if (instant.getTime() > now.getTime()) return instant;
  }
  throw new Error(`No ${at} in ${zone} within a week of ${now.toISOString()}`);
}

/**
 * Read an instant from run data: an ISO 8601 string. Without an offset it is a local time in
 * `zone` (a date alone is local midnight). Anything else is unreadable (null).
 */
export function parseInstant(value: unknown, zone: string): Date | null {
  if (typeof value !== "string") return null;
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toJSDate() : null;
}
