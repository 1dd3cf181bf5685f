/**
 * Durations as the format writes them (`{ days?, hours?, minutes?, seconds? }`): to milliseconds
 * for the interpreter, to short text for the canvas.
 */
import type { Duration, SignedDuration } from "./schema";

const MS = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1_000 } as const;
const UNITS = [
  ["days", "d"],
  ["hours", "h"],
  ["minutes", "min"],
  ["seconds", "s"],
] as const;

/**
 * Total length in milliseconds (negative for a negative offset). A day is 24 hours here; waits
 * that must follow wall-clock days across DST changes use calendar arithmetic instead.
 */
export function durationToMs(d: Duration | SignedDuration): number {
  return (
    (d.days ?? 0) * MS.days + (d.hours ?? 0) * MS.hours + (d.minutes ?? 0) * MS.minutes + (d.seconds ?? 0) * MS.seconds
  );
}

/**
 * "5 min", "1 h 30 min", "-24 h", "2 d". The fields are shown as the author wrote them
 * (`{ minutes: 90 }` stays "90 min"); only an offset mixing signs (`{ hours: -1, minutes: 30 }`)
 * is normalised, since "-1 h 30 min" would read as -90 minutes.
 */
export function formatDuration(d: Duration | SignedDuration): string {
  const values = UNITS.map(([field]) => d[field] ?? 0);
  const mixedSigns = values.some((v) => v > 0) && values.some((v) => v < 0);
  const total = durationToMs(d);
  const magnitudes = mixedSigns ? normalise(Math.abs(total)) : values.map(Math.abs);
  const parts = UNITS.flatMap(([, unit], i) => {
    const value = magnitudes[i] ?? 0;
    return value === 0 ? [] : [`${formatNumber(value)} ${unit}`];
  });
  if (parts.length === 0) return "0 s";
  return (total < 0 ? "-" : "") + parts.join(" ");
}

function normalise(ms: number): number[] {
  let rest = ms;
  return UNITS.map(([field]) => {
    const whole = field === "seconds" ? rest / MS.seconds : Math.floor(rest / MS[field]);
    rest -= whole * MS[field];
    return whole;
  });
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
