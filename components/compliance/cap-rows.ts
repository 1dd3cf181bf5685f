/**
 * Frequency caps as the form edits them: number boxes hold text while someone types, and
 * every row needs a stable key that survives removing the row above it.
 */
import type { Channel, Purpose } from "@/server/journey/schema";
import type { Cap } from "@/server/policy/frequency-caps";

export type CapRow = { key: number; channel: Channel | "any"; purpose: Purpose; max: string; windowHours: string };

export function toCapRows(caps: readonly Cap[], firstKey = 0): CapRow[] {
  return caps.map((cap, i) => ({
    key: firstKey + i,
    channel: cap.channel ?? "any",
    purpose: cap.purpose,
    max: String(cap.max),
    windowHours: String(cap.windowHours),
  }));
}

/** An empty box becomes NaN, which the server refuses on that field. */
export function fromCapRows(rows: readonly CapRow[]): Cap[] {
  return rows.map((row) => ({
    channel: row.channel,
    purpose: row.purpose,
    max: toNumber(row.max),
    windowHours: toNumber(row.windowHours),
  }));
}

function toNumber(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}
