/**
 * Per-country send windows for marketing traffic, in the recipient's local time.
 *
 * Every regime here restricts marketing/promotional traffic only; transactional messages and
 * alerts are exempt, so these rules never apply to transactional sends (a journey's
 * `quietHours: "all"` adds the workspace window to them, not these). They are applied to
 * marketing on every channel: stricter than SMS-only practice, never looser.
 *
 * Sources (see the SMS domain reference, §3; not legal advice):
 * - US: TCPA, 47 CFR 64.1200(c)(1), 8 a.m.–9 p.m. at the called party's location; Twilio
 *   error 30610 enforces the same window for marketing SMS. State rules (FL, OK, MD 8–20)
 *   need the recipient's state, which a phone number does not reliably give; not encoded.
 * - FR: operator practice reported by Brevo, CALLR: marketing SMS Mon–Sat 08:00–22:00, never
 *   on Sundays or public holidays.
 * - AE: 07:00–21:00 (Vonage) or 08:00–21:00 (ClickSend); the stricter is used.
 * - SA: 07:00–22:00 (Unifonic).
 * - IN: promotional SMS 09:00–21:00 IST (TRAI practice as reported by vendors).
 */
import type { LocalTime } from "./local-time";

/** Luxon weekday numbers: 1 = Monday … 7 = Sunday. */
export const WEEKDAY_NAMES = {
  1: "monday",
  2: "tuesday",
  3: "wednesday",
  4: "thursday",
  5: "friday",
  6: "saturday",
  7: "sunday",
} as const;
export type Weekday = keyof typeof WEEKDAY_NAMES;

export type CountrySendRule = {
  /** ISO 3166-1 alpha-2. */
  country: string;
  name: string;
  /** Marketing may go out from `start` (inclusive) to `end` (exclusive), local time. */
  window: { start: LocalTime; end: LocalTime };
  closedWeekdays?: readonly Weekday[];
  closedOnPublicHolidays?: boolean;
};

export const COUNTRY_SEND_RULES: readonly CountrySendRule[] = [
  { country: "US", name: "United States", window: { start: "08:00", end: "21:00" } },
  {
    country: "FR",
    name: "France",
    window: { start: "08:00", end: "22:00" },
    closedWeekdays: [7],
    closedOnPublicHolidays: true,
  },
  { country: "AE", name: "United Arab Emirates", window: { start: "08:00", end: "21:00" } },
  { country: "SA", name: "Saudi Arabia", window: { start: "07:00", end: "22:00" } },
  { country: "IN", name: "India", window: { start: "09:00", end: "21:00" } },
];

export type CountryRuleReason = `country_rule:${string}`;

/** Machine reasons, e.g. `country_rule:US`, `country_rule:FR_sunday`, `country_rule:FR_holiday`. */
export const countryRuleReason = {
  window: (rule: CountrySendRule): CountryRuleReason => `country_rule:${rule.country}`,
  weekday: (rule: CountrySendRule, day: Weekday): CountryRuleReason =>
    `country_rule:${rule.country}_${WEEKDAY_NAMES[day]}`,
  holiday: (rule: CountrySendRule): CountryRuleReason => `country_rule:${rule.country}_holiday`,
};

/** Every reason the table can produce, with a label for people. */
export function countryRuleReasonLabels(): ReadonlyMap<CountryRuleReason, string> {
  const labels = new Map<CountryRuleReason, string>();
  for (const rule of COUNTRY_SEND_RULES) {
    const { start, end } = rule.window;
    labels.set(countryRuleReason.window(rule), `${rule.name}: marketing only ${start}–${end} local time`);
    for (const day of rule.closedWeekdays ?? []) {
      const dayName = capitalise(WEEKDAY_NAMES[day]);
      labels.set(countryRuleReason.weekday(rule, day), `${rule.name}: no marketing on ${dayName}s`);
    }
    if (rule.closedOnPublicHolidays) {
      labels.set(countryRuleReason.holiday(rule), `${rule.name}: no marketing on public holidays`);
    }
  }
  return labels;
}

export function countrySendRule(country: string | null | undefined): CountrySendRule | undefined {
  const code = country?.toUpperCase();
  return code ? COUNTRY_SEND_RULES.find((rule) => rule.country === code) : undefined;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
