import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { nextAllowedSendTime, type QuietHoursDecision, type QuietHoursInput } from "./quiet-hours";

const PARIS = "Europe/Paris";
const NEW_YORK = "America/New_York";

/** An instant given as local wall-clock time in `zone`. */
function local(iso: string, zone: string): Date {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${iso}`);
  return dt.toJSDate();
}

function decide(iso: string, zone: string, rest: Partial<QuietHoursInput> = {}): QuietHoursDecision {
  return nextAllowedSendTime({
    now: local(iso, zone),
    zone,
    purpose: "marketing",
    journeyQuietHours: "marketing",
    ...rest,
  });
}

/** The decision with `until` shown as local time, for readable expectations. */
function decideLocal(iso: string, zone: string, rest: Partial<QuietHoursInput> = {}) {
  const d = decide(iso, zone, rest);
  return d.allowed
    ? d
    : { allowed: false, until: DateTime.fromJSDate(d.until, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ccc"), reason: d.reason };
}

describe("nextAllowedSendTime: France (Mon–Sat 08–22, no Sundays or public holidays)", () => {
  const fr = { country: "FR" } as const;
  const cases: [name: string, now: string, expected: ReturnType<typeof decideLocal>][] = [
    ["Saturday noon", "2025-06-14T12:00", { allowed: true }],
    ["Saturday 22:30 → Monday 08:00", "2025-06-14T22:30", { allowed: false, until: "2025-06-16T08:00 Mon", reason: "country_rule:FR" }],
    ["Saturday 21:30 (workspace quiet)", "2025-06-14T21:30", { allowed: false, until: "2025-06-16T08:00 Mon", reason: "quiet_hours" }],
    ["Sunday noon", "2025-06-15T12:00", { allowed: false, until: "2025-06-16T08:00 Mon", reason: "country_rule:FR_sunday" }],
    ["Monday 07:59", "2025-06-16T07:59", { allowed: false, until: "2025-06-16T08:00 Mon", reason: "country_rule:FR" }],
    ["Monday 08:00", "2025-06-16T08:00", { allowed: true }],
    ["Christmas Day", "2025-12-25T10:00", { allowed: false, until: "2025-12-26T08:00 Fri", reason: "country_rule:FR_holiday" }],
    ["Christmas Eve night", "2025-12-24T23:00", { allowed: false, until: "2025-12-26T08:00 Fri", reason: "country_rule:FR" }],
    ["Christmas on a Saturday, then Sunday", "2027-12-25T09:00", { allowed: false, until: "2027-12-27T08:00 Mon", reason: "country_rule:FR_holiday" }],
    ["Saturday before Easter Monday", "2025-04-19T22:30", { allowed: false, until: "2025-04-22T08:00 Tue", reason: "country_rule:FR" }],
    ["Bastille Day", "2025-07-14T15:00", { allowed: false, until: "2025-07-15T08:00 Tue", reason: "country_rule:FR_holiday" }],
    ["Mother's Day is an observance, not a holiday (a Sunday anyway)", "2025-05-25T10:00", { allowed: false, until: "2025-05-26T08:00 Mon", reason: "country_rule:FR_sunday" }],
    ["Saturday night across the spring DST change", "2025-03-29T22:30", { allowed: false, until: "2025-03-31T08:00 Mon", reason: "country_rule:FR" }],
  ];

  it.each(cases)("%s", (_name, now, expected) => {
    expect(decideLocal(now, PARIS, fr)).toEqual(expected);
  });

  it("matches the country code in any case", () => {
    expect(decideLocal("2025-06-15T12:00", PARIS, { country: "fr" })).toMatchObject({ reason: "country_rule:FR_sunday" });
  });

  it("a France window with a later workspace start still stops at 22:00", () => {
    expect(decideLocal("2025-06-16T22:10", PARIS, { ...fr, workspaceWindow: { start: "23:00", end: "07:00" } })).toEqual({
      allowed: false,
      until: "2025-06-17T08:00 Tue",
      reason: "country_rule:FR",
    });
  });
});

describe("nextAllowedSendTime: other country windows", () => {
  const cases: [name: string, now: string, zone: string, rest: Partial<QuietHoursInput>, expected: ReturnType<typeof decideLocal>][] = [
    ["New York 07:59 → 08:00", "2025-06-10T07:59", NEW_YORK, { country: "US" }, { allowed: false, until: "2025-06-10T08:00 Tue", reason: "country_rule:US" }],
    ["New York 07:59:30 → 08:00", "2025-06-10T07:59:30", NEW_YORK, { country: "US" }, { allowed: false, until: "2025-06-10T08:00 Tue", reason: "country_rule:US" }],
    ["New York 08:00", "2025-06-10T08:00", NEW_YORK, { country: "US" }, { allowed: true }],
    ["New York 20:59", "2025-06-10T20:59", NEW_YORK, { country: "US" }, { allowed: true }],
    ["New York 21:00 → tomorrow", "2025-06-10T21:00", NEW_YORK, { country: "US" }, { allowed: false, until: "2025-06-11T08:00 Wed", reason: "country_rule:US" }],
    ["US Sunday is fine", "2025-06-15T12:00", NEW_YORK, { country: "US" }, { allowed: true }],
    ["US window holds with a laxer workspace window", "2025-06-10T21:30", NEW_YORK, { country: "US", workspaceWindow: { start: "23:00", end: "06:00" } }, { allowed: false, until: "2025-06-11T08:00 Wed", reason: "country_rule:US" }],
    ["India 08:30 → 09:00", "2025-06-10T08:30", "Asia/Kolkata", { country: "IN" }, { allowed: false, until: "2025-06-10T09:00 Tue", reason: "country_rule:IN" }],
    ["UAE 21:00 → 08:00", "2025-06-10T21:00", "Asia/Dubai", { country: "AE", workspaceWindow: { start: "23:00", end: "06:00" } }, { allowed: false, until: "2025-06-11T08:00 Wed", reason: "country_rule:AE" }],
    ["UAE 07:30 → 08:00", "2025-06-10T07:30", "Asia/Dubai", { country: "AE", workspaceWindow: { start: "23:00", end: "06:00" } }, { allowed: false, until: "2025-06-10T08:00 Tue", reason: "country_rule:AE" }],
    ["Saudi 06:30 → 07:00", "2025-06-10T06:30", "Asia/Riyadh", { country: "SA", workspaceWindow: { start: "23:00", end: "06:00" } }, { allowed: false, until: "2025-06-10T07:00 Tue", reason: "country_rule:SA" }],
    ["Saudi 21:59", "2025-06-10T21:59", "Asia/Riyadh", { country: "SA", workspaceWindow: { start: "23:00", end: "06:00" } }, { allowed: true }],
    ["Saudi 22:00 → 07:00", "2025-06-10T22:00", "Asia/Riyadh", { country: "SA", workspaceWindow: { start: "23:00", end: "06:00" } }, { allowed: false, until: "2025-06-11T07:00 Wed", reason: "country_rule:SA" }],
    ["no country rule: workspace window only", "2025-06-10T22:00", "Europe/London", { country: "GB" }, { allowed: false, until: "2025-06-11T08:00 Wed", reason: "quiet_hours" }],
    ["no country at all", "2025-06-10T03:00", "Europe/London", {}, { allowed: false, until: "2025-06-10T08:00 Tue", reason: "quiet_hours" }],
    ["a daytime workspace window", "2025-06-10T13:00", "Europe/London", { workspaceWindow: { start: "12:00", end: "14:00" } }, { allowed: false, until: "2025-06-10T14:00 Tue", reason: "quiet_hours" }],
    ["equal start and end: no workspace quiet hours", "2025-06-10T03:00", "Europe/London", { workspaceWindow: { start: "00:00", end: "00:00" } }, { allowed: true }],
  ];

  it.each(cases)("%s", (_name, now, zone, rest, expected) => {
    expect(decideLocal(now, zone, rest)).toEqual(expected);
  });
});

describe("nextAllowedSendTime: which sends are held", () => {
  const night = "2025-06-10T23:00";
  const cases: [name: string, rest: Partial<QuietHoursInput>, held: boolean][] = [
    ["marketing", { purpose: "marketing" }, true],
    ["urgent marketing is not exempt", { purpose: "marketing", urgent: true }, true],
    ["transactional passes", { purpose: "transactional" }, false],
    ["quietHours 'all' defers transactional", { purpose: "transactional", journeyQuietHours: "all" }, true],
    ["urgent transactional passes under 'all'", { purpose: "transactional", journeyQuietHours: "all", urgent: true }, false],
    ["urgent transactional passes", { purpose: "transactional", urgent: true }, false],
  ];

  it.each(cases)("%s", (_name, rest, held) => {
    const d = decide(night, NEW_YORK, { country: "US", ...rest });
    expect(d.allowed).toBe(!held);
    if (!d.allowed) expect(d.until).toEqual(local("2025-06-11T08:00", NEW_YORK));
  });

  it("transactional under 'all' gets the workspace window, not the country rules", () => {
    const sunday = { country: "FR", purpose: "transactional", journeyQuietHours: "all" } as const;
    expect(decide("2025-06-15T12:00", PARIS, sunday)).toEqual({ allowed: true });
    expect(decideLocal("2025-06-15T21:30", PARIS, sunday)).toEqual({
      allowed: false,
      until: "2025-06-16T08:00 Mon",
      reason: "quiet_hours",
    });
  });
});

describe("nextAllowedSendTime: clocks and limits", () => {
  it("lands on the local 08:00 on the night DST starts (New York)", () => {
    const d = decide("2025-03-09T01:30", NEW_YORK, { country: "US" });
    expect(d).toEqual({ allowed: false, until: new Date("2025-03-09T12:00:00Z"), reason: "country_rule:US" });
  });

  it("lands on the local 08:00 on the night DST ends (New York)", () => {
    const d = decide("2025-11-02T00:30", NEW_YORK, { country: "US" });
    expect(d).toEqual({ allowed: false, until: new Date("2025-11-02T13:00:00Z"), reason: "country_rule:US" });
  });

  it("a window edge inside the skipped hour moves to the first real minute after it", () => {
    const d = decide("2025-03-30T01:00", PARIS, { workspaceWindow: { start: "21:00", end: "02:30" } });
    expect(d).toEqual({ allowed: false, until: new Date("2025-03-30T01:30:00Z"), reason: "quiet_hours" });
  });

  it("a window edge in the repeated hour is the next occurrence of that wall time", () => {
    // 02:10 in the second (CET) pass of 02:00–03:00 on 2025-10-26: the next 02:45 is 35 minutes away.
    const now = new Date("2025-10-26T01:10:00Z");
    const d = nextAllowedSendTime({
      now,
      zone: PARIS,
      purpose: "marketing",
      journeyQuietHours: "marketing",
      workspaceWindow: { start: "21:00", end: "02:45" },
    });
    expect(d).toEqual({ allowed: false, until: new Date("2025-10-26T01:45:00Z"), reason: "quiet_hours" });
  });

  it("gives up after 14 days when no minute is allowed", () => {
    const now = local("2025-06-10T12:00", NEW_YORK);
    const d = nextAllowedSendTime({
      now,
      zone: NEW_YORK,
      country: "US",
      purpose: "marketing",
      journeyQuietHours: "marketing",
      workspaceWindow: { start: "08:00", end: "21:00" },
    });
    expect(d).toEqual({ allowed: false, until: new Date(now.getTime() + 14 * 86_400_000), reason: "quiet_hours" });
  });

  it("rejects an unknown zone", () => {
    expect(() => decide("2025-06-10T12:00", "UTC", { zone: "Not/AZone" })).toThrow(/zone/);
  });

  it("every answer is allowed, on a whole minute, and the minute before it is not", () => {
    const zones: [zone: string, country: string | undefined][] = [
      [PARIS, "FR"],
      [NEW_YORK, "US"],
      ["Asia/Kolkata", "IN"],
      ["Australia/Sydney", undefined],
    ];
    const base = { purpose: "marketing", journeyQuietHours: "marketing" } as const;
    for (const [zone, country] of zones) {
      // A stride of 97 × 17 minutes drifts across the clock; March to November spans both DST changes.
      for (let t = Date.UTC(2025, 2, 20); t < Date.UTC(2025, 10, 10); t += 97 * 60_000 * 17) {
        const d = nextAllowedSendTime({ ...base, now: new Date(t), zone, country });
        if (d.allowed) continue;
        expect(d.until.getTime()).toBeGreaterThan(t);
        expect(d.until.getTime() % 60_000).toBe(0);
        expect(nextAllowedSendTime({ ...base, now: d.until, zone, country })).toEqual({ allowed: true });
        const before = new Date(d.until.getTime() - 60_000);
        if (before.getTime() >= t) expect(nextAllowedSendTime({ ...base, now: before, zone, country }).allowed).toBe(false);
      }
    }
  });
});
