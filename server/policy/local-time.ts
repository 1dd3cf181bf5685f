import { z } from "zod";

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A wall-clock time of day, "HH:MM" 24-hour. */
export const LocalTimeSchema = z.string().regex(HH_MM, "Use HH:MM, 24-hour");
export type LocalTime = z.infer<typeof LocalTimeSchema>;

/** Minutes since midnight of an "HH:MM" time. */
export function minutesOfDay(time: LocalTime): number {
  const match = HH_MM.exec(time);
  if (!match) throw new Error(`Not an HH:MM time: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}
