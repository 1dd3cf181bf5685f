import { describe, expect, it } from "vitest";
import type { Channel, Purpose } from "@/server/journey/schema";
import { DEFAULT_CAPS, CapSchema, checkCaps, type Cap, type RecentSend } from "./frequency-caps";

const NOW = new Date("2025-06-10T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

function sent(key: string, channel: Channel, purpose: Purpose, ageHours: number, fallbackOf?: string): RecentSend {
  return { key, channel, purpose, at: hoursAgo(ageHours), ...(fallbackOf ? { fallbackOf } : {}) };
}

const smsDaily = DEFAULT_CAPS[0]!;
const weeklyAny = DEFAULT_CAPS[1]!;

describe("checkCaps with the default caps", () => {
  const cases: [
    name: string,
    candidate: { channel: Channel; purpose: Purpose; isFallbackOf?: string },
    recent: RecentSend[],
    expected: ReturnType<typeof checkCaps>,
  ][] = [
    ["first marketing SMS", { channel: "sms", purpose: "marketing" }, [], { ok: true }],
    [
      "second marketing SMS within 24 h",
      { channel: "sms", purpose: "marketing" },
      [sent("m1", "sms", "marketing", 5)],
      { ok: false, reason: "frequency_cap", cap: smsDaily },
    ],
    [
      "marketing SMS 24 h after the last one",
      { channel: "sms", purpose: "marketing" },
      [sent("m1", "sms", "marketing", 24)],
      { ok: true },
    ],
    [
      "marketing email after a marketing SMS today",
      { channel: "email", purpose: "marketing" },
      [sent("m1", "sms", "marketing", 5)],
      { ok: true },
    ],
    [
      "fourth marketing message in 7 days, any channel",
      { channel: "email", purpose: "marketing" },
      [sent("m1", "sms", "marketing", 30), sent("m2", "email", "marketing", 50), sent("m3", "push", "marketing", 100)],
      { ok: false, reason: "frequency_cap", cap: weeklyAny },
    ],
    [
      "a message older than 7 days no longer counts",
      { channel: "email", purpose: "marketing" },
      [sent("m1", "sms", "marketing", 30), sent("m2", "email", "marketing", 50), sent("m3", "push", "marketing", 168)],
      { ok: true },
    ],
    [
      "transactional is uncapped",
      { channel: "sms", purpose: "transactional" },
      [1, 2, 3, 4, 5].map((h) => sent(`t${h}`, "sms", "transactional", h)),
      { ok: true },
    ],
    [
      "transactional sends do not count against marketing caps",
      { channel: "sms", purpose: "marketing" },
      [1, 2, 3, 4, 5].map((h) => sent(`t${h}`, "sms", "transactional", h)),
      { ok: true },
    ],
    [
      "an SMS fallback of an undelivered WhatsApp counts once across channels",
      { channel: "sms", purpose: "marketing", isFallbackOf: "w3" },
      [sent("w1", "whatsapp", "marketing", 30), sent("w2", "whatsapp", "marketing", 50), sent("w3", "whatsapp", "marketing", 1)],
      { ok: true },
    ],
    [
      "a fallback of a primary outside the window counts as new",
      { channel: "sms", purpose: "marketing", isFallbackOf: "w0" },
      [sent("w1", "whatsapp", "marketing", 30), sent("w2", "whatsapp", "marketing", 50), sent("w3", "email", "marketing", 1)],
      { ok: false, reason: "frequency_cap", cap: weeklyAny },
    ],
    [
      "a fallback still meets its own channel's cap",
      { channel: "sms", purpose: "marketing", isFallbackOf: "w1" },
      [sent("s1", "sms", "marketing", 3), sent("w1", "whatsapp", "marketing", 1)],
      { ok: false, reason: "frequency_cap", cap: smsDaily },
    ],
    [
      "recorded primary + fallback pairs count once each",
      { channel: "email", purpose: "marketing" },
      [
        sent("w1", "whatsapp", "marketing", 30),
        sent("s1", "sms", "marketing", 29, "w1"),
        sent("w2", "whatsapp", "marketing", 60),
        sent("e2", "email", "marketing", 59, "w2"),
      ],
      { ok: true },
    ],
    [
      "a chain of fallbacks counts with its first primary",
      { channel: "email", purpose: "marketing" },
      [
        sent("w1", "whatsapp", "marketing", 30),
        sent("s1", "sms", "marketing", 29, "w1"),
        sent("e1", "email", "marketing", 28, "s1"),
        sent("p2", "push", "marketing", 10),
      ],
      { ok: true },
    ],
    [
      "a fallback after a delivered primary (no fallbackOf) counts on its own",
      { channel: "email", purpose: "marketing" },
      [sent("w1", "whatsapp", "marketing", 30), sent("s1", "sms", "marketing", 29), sent("p2", "push", "marketing", 10)],
      { ok: false, reason: "frequency_cap", cap: weeklyAny },
    ],
  ];

  it.each(cases)("%s", (_name, candidate, recent, expected) => {
    expect(checkCaps({ ...candidate, now: NOW }, recent, DEFAULT_CAPS)).toEqual(expected);
  });
});

describe("checkCaps with custom caps", () => {
  it("reports the first cap exceeded, in list order", () => {
    const caps: Cap[] = [
      { channel: "any", purpose: "marketing", max: 1, windowHours: 1 },
      { channel: "sms", purpose: "marketing", max: 1, windowHours: 48 },
    ];
    const recent = [sent("m1", "sms", "marketing", 0.5)];
    expect(checkCaps({ channel: "sms", purpose: "marketing", now: NOW }, recent, caps)).toEqual({
      ok: false,
      reason: "frequency_cap",
      cap: caps[0],
    });
  });

  it("treats a cap without a channel as any channel", () => {
    const caps: Cap[] = [{ purpose: "transactional", max: 2, windowHours: 1 }];
    const recent = [sent("t1", "sms", "transactional", 0.2), sent("t2", "email", "transactional", 0.4)];
    expect(checkCaps({ channel: "push", purpose: "transactional", now: NOW }, recent, caps)).toMatchObject({ ok: false });
    expect(checkCaps({ channel: "push", purpose: "marketing", now: NOW }, recent, caps)).toEqual({ ok: true });
  });

  it("accepts ISO strings for times", () => {
    const caps: Cap[] = [{ channel: "sms", purpose: "marketing", max: 1, windowHours: 24 }];
    const recent: RecentSend[] = [{ key: "m1", channel: "sms", purpose: "marketing", at: "2025-06-10T02:00:00Z" }];
    expect(checkCaps({ channel: "sms", purpose: "marketing", now: NOW }, recent, caps)).toMatchObject({ ok: false });
  });

  it("survives a fallback cycle in bad data", () => {
    const caps: Cap[] = [{ channel: "any", purpose: "marketing", max: 2, windowHours: 24 }];
    const recent = [sent("a", "sms", "marketing", 1, "b"), sent("b", "email", "marketing", 2, "a")];
    expect(checkCaps({ channel: "push", purpose: "marketing", now: NOW }, recent, caps)).toEqual({ ok: true });
  });

  it("validates caps as data", () => {
    expect(CapSchema.safeParse({ channel: "sms", purpose: "marketing", max: 1, windowHours: 24 }).success).toBe(true);
    expect(CapSchema.safeParse({ purpose: "marketing", max: 3, windowHours: 168 }).success).toBe(true);
    expect(CapSchema.safeParse({ channel: "fax", purpose: "marketing", max: 1, windowHours: 24 }).success).toBe(false);
    expect(CapSchema.safeParse({ purpose: "marketing", max: 0, windowHours: 24 }).success).toBe(false);
    expect(CapSchema.safeParse({ purpose: "marketing", max: 1.5, windowHours: 24 }).success).toBe(false);
    expect(CapSchema.safeParse({ purpose: "marketing", max: 1, windowHours: 0 }).success).toBe(false);
  });
});
