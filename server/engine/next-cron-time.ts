/**
 * The next minute a cron expression matches, in a time zone. Uses graphile-worker's own cron
 * parser (the same syntax as its crontab), stepping minute by minute in local time.
 */
import { parseCronItem } from "graphile-worker";
import { DateTime } from "luxon";

/** A schedule that never matches within this horizon is treated as finished. */
const HORIZON_MINUTES = 366 * 24 * 60;

export function nextCronTime(cron: string, zone: string, after: Date): Date | null {
  const { match } = parseCronItem({ task: "schedule", match: cron, identifier: "schedule" });
  let t = DateTime.fromJSDate(after, { zone }).startOf("minute").plus({ minutes: 1 });
  for (let i = 0; i < HORIZON_MINUTES; i++, t = t.plus({ minutes: 1 })) {
    if (match({ min: t.minute, hour: t.hour, date: t.day, month: t.month, dow: t.weekday % 7 })) return t.toJSDate();
  }
  return null;
}
