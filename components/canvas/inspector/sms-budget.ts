/**
 * How much room an SMS has left and what it costs, from `analyzeSms`'s answer. GSM-7 fits 160
 * characters in one segment and 153 per segment once split; UCS-2 fits 70, then 67.
 */
import type { SmsAnalysis } from "@/server/channels/sms/segments";

const PER_SEGMENT = { "GSM-7": { single: 160, multi: 153 }, "UCS-2": { single: 70, multi: 67 } } as const;

/** Segments past this draw a warning (the validator warns on the same threshold). */
export const LONG_SMS_SEGMENTS = 3;

export function smsCapacity(analysis: Pick<SmsAnalysis, "encoding" | "segments">): number {
  const size = PER_SEGMENT[analysis.encoding];
  return analysis.segments <= 1 ? size.single : analysis.segments * size.multi;
}

export function smsCost(segments: number, price: { perSegment: number; currency: string }): string {
  const format = new Intl.NumberFormat("en", { style: "currency", currency: price.currency, maximumFractionDigits: 4 });
  return format.format(segments * price.perSegment);
}
