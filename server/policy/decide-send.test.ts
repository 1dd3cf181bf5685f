import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { ConsentFact, ProfileView } from "@/server/journey/context";
import type { Channel } from "@/server/journey/schema";
import { decideSend, type DecideSendInput, type SendDecision } from "./decide-send";
import type { RecentSend } from "./frequency-caps";
import type { SenderId } from "./sender-id";
import { parseSendPolicy } from "./send-policy";

const PARIS = "Europe/Paris";
/** Tuesday 2025-06-10, 14:00 in Paris: inside every window. */
const TUESDAY_AFTERNOON = DateTime.fromISO("2025-06-10T14:00", { zone: PARIS }).toJSDate();
const parisTime = (iso: string) => DateTime.fromISO(iso, { zone: PARIS }).toJSDate();

const FR_PHONE = "+33612345678";
const US_PHONE = "+12125551234";

const senders: SenderId[] = [
  { id: "acme-fr", value: "ACME", kind: "alphanumeric", countries: ["FR"], status: "approved" },
  { id: "acme-us", value: "+14155550123", kind: "long_code", countries: ["US"], status: "approved" },
];
const optedIn = (channel: Channel): ConsentFact => ({ channel, purpose: "marketing", status: "opted_in" });
const optedOut = (channel: Channel): ConsentFact => ({ channel, purpose: "transactional", status: "opted_out" });

type InputOverrides = Partial<Omit<DecideSendInput, "profile">> & { profile?: Partial<ProfileView> };

function input(over: InputOverrides = {}): DecideSendInput {
  const { profile, ...rest } = over;
  return {
    now: TUESDAY_AFTERNOON,
    channel: "sms",
    purpose: "marketing",
    journeyQuietHours: "marketing",
    consents: [optedIn("sms"), optedIn("email"), optedIn("whatsapp"), optedIn("push"), optedIn("voice")],
    senders,
    recentSends: [],
    policy: parseSendPolicy({ timezone: PARIS }),
    ...rest,
    profile: { id: "p-1", phone: FR_PHONE, email: "ada@example.com", ...profile },
  };
}

describe("decideSend: addresses", () => {
  const cases: [name: string, channel: Channel, profile: Partial<ProfileView>, expected: SendDecision][] = [
    ["sms to the phone", "sms", {}, { action: "allow", to: FR_PHONE, senderId: senders[0]! }],
    ["sms without a phone", "sms", { phone: null }, { action: "suppress", reason: "no_address" }],
    ["sms with a blank phone", "sms", { phone: "  " }, { action: "suppress", reason: "no_address" }],
    ["voice to the phone", "voice", {}, { action: "allow", to: FR_PHONE }],
    ["voice without a phone", "voice", { phone: undefined }, { action: "suppress", reason: "no_address" }],
    ["whatsapp prefers its own number", "whatsapp", { whatsapp: "+33700000001" }, { action: "allow", to: "+33700000001" }],
    ["whatsapp falls back to the phone", "whatsapp", {}, { action: "allow", to: FR_PHONE }],
    ["whatsapp with neither", "whatsapp", { phone: null, whatsapp: null }, { action: "suppress", reason: "no_address" }],
    ["email to the email", "email", {}, { action: "allow", to: "ada@example.com" }],
    ["email without one", "email", { email: null }, { action: "suppress", reason: "no_address" }],
    ["push needs only the profile", "push", { phone: null, email: null }, { action: "allow", to: "p-1" }],
    ["in_app needs only the profile", "in_app", { phone: null, email: null }, { action: "allow", to: "p-1" }],
  ];

  it.each(cases)("%s", (_name, channel, profile, expected) => {
    const consents = [optedIn(channel)];
    expect(decideSend(input({ channel, profile, consents }))).toEqual(expected);
  });
});

describe("decideSend: checks in order", () => {
  const sunday = parisTime("2025-06-15T12:00");
  const capped: RecentSend[] = [{ key: "m0", channel: "sms", purpose: "marketing", at: parisTime("2025-06-10T09:00") }];
  const cases: [name: string, over: InputOverrides, expected: SendDecision][] = [
    ["no address before consent", { profile: { phone: null }, consents: [optedOut("sms")] }, { action: "suppress", reason: "no_address" }],
    ["opted out", { consents: [optedIn("sms"), optedOut("sms")] }, { action: "suppress", reason: "opted_out" }],
    ["marketing without an opt-in", { consents: [] }, { action: "suppress", reason: "no_opt_in" }],
    ["transactional without an opt-in", { purpose: "transactional", consents: [] }, { action: "allow", to: FR_PHONE, senderId: senders[0]! }],
    ["consent before sender ID", { senders: [], consents: [] }, { action: "suppress", reason: "no_opt_in" }],
    ["no sender for the country", { senders: [senders[1]!] }, { action: "suppress", reason: "no_sender_id" }],
    ["no alphanumeric sender for a US number", { profile: { phone: US_PHONE }, senders: [senders[0]!] }, { action: "suppress", reason: "no_sender_id" }],
    ["sender ID before caps", { senders: [], recentSends: capped }, { action: "suppress", reason: "no_sender_id" }],
    ["capped", { recentSends: capped }, { action: "suppress", reason: "frequency_cap" }],
    [
      "caps before quiet hours",
      { now: sunday, recentSends: [{ ...capped[0]!, at: parisTime("2025-06-15T09:00") }] },
      { action: "suppress", reason: "frequency_cap" },
    ],
    [
      "a capped SMS that replaces an undelivered primary goes out",
      { recentSends: [{ key: "w1", channel: "whatsapp", purpose: "marketing", at: parisTime("2025-06-10T13:00") }], isFallbackOf: "w1" },
      { action: "allow", to: FR_PHONE, senderId: senders[0]! },
    ],
    ["the policy's caps apply", { recentSends: capped, policy: parseSendPolicy({ timezone: PARIS, caps: [] }) }, { action: "allow", to: FR_PHONE, senderId: senders[0]! }],
    ["quiet on a French Sunday", { now: sunday }, { action: "defer", until: parisTime("2025-06-16T08:00"), reason: "country_rule:FR_sunday" }],
    ["urgent marketing is still deferred", { now: sunday, urgent: true }, { action: "defer", until: parisTime("2025-06-16T08:00"), reason: "country_rule:FR_sunday" }],
    ["transactional on a Sunday", { now: sunday, purpose: "transactional" }, { action: "allow", to: FR_PHONE, senderId: senders[0]! }],
    [
      "transactional at night when the journey holds all sends",
      { now: parisTime("2025-06-10T23:00"), purpose: "transactional", journeyQuietHours: "all" },
      { action: "defer", until: parisTime("2025-06-11T08:00"), reason: "quiet_hours" },
    ],
    [
      "urgent transactional at night",
      { now: parisTime("2025-06-10T23:00"), purpose: "transactional", journeyQuietHours: "all", urgent: true },
      { action: "allow", to: FR_PHONE, senderId: senders[0]! },
    ],
  ];

  it.each(cases)("%s", (_name, over, expected) => {
    expect(decideSend(input(over))).toEqual(expected);
  });
});

describe("decideSend: the recipient's clock and country", () => {
  it("uses the profile's zone first", () => {
    // 14:00 in Paris is 05:00 in Los Angeles; the French number keeps France's rule, in that zone.
    const d = decideSend(input({ profile: { timezone: "America/Los_Angeles" } }));
    expect(d).toEqual({
      action: "defer",
      until: DateTime.fromISO("2025-06-10T08:00", { zone: "America/Los_Angeles" }).toJSDate(),
      reason: "country_rule:FR",
    });
  });

  it("uses a US number's country rule in the workspace zone when the number has no single zone", () => {
    const now = DateTime.fromISO("2025-06-10T07:30", { zone: "America/Denver" }).toJSDate();
    const d = decideSend(
      input({ now, profile: { phone: US_PHONE }, policy: parseSendPolicy({ timezone: "America/Denver", quietHours: { start: "23:00", end: "06:00" } }) }),
    );
    expect(d).toEqual({
      action: "defer",
      until: DateTime.fromISO("2025-06-10T08:00", { zone: "America/Denver" }).toJSDate(),
      reason: "country_rule:US",
    });
  });

  it("takes the country from the phone for SMS, even when the profile says otherwise", () => {
    const d = decideSend(input({ now: parisTime("2025-06-15T12:00"), profile: { country: "GB" } }));
    expect(d).toMatchObject({ action: "defer", reason: "country_rule:FR_sunday" });
  });

  it("takes the country from the profile for email", () => {
    const now = parisTime("2025-06-15T12:00");
    expect(decideSend(input({ now, channel: "email", profile: { country: "GB" } }))).toEqual({ action: "allow", to: "ada@example.com" });
    expect(decideSend(input({ now, channel: "email", profile: { phone: null, country: "fr" } }))).toMatchObject({
      action: "defer",
      reason: "country_rule:FR_sunday",
    });
  });

  it("falls back to the profile's country when the SMS number has none", () => {
    const d = decideSend(input({ profile: { phone: "+999123", country: "FR" } }));
    expect(d).toEqual({ action: "allow", to: "+999123", senderId: senders[0] });
  });

  it("allows a deferred send when it comes due", () => {
    const first = decideSend(input({ now: parisTime("2025-06-14T22:30") }));
    expect(first).toMatchObject({ action: "defer", reason: "country_rule:FR" });
    if (first.action !== "defer") return;
    expect(first.until).toEqual(parisTime("2025-06-16T08:00"));
    expect(decideSend(input({ now: first.until }))).toEqual({ action: "allow", to: FR_PHONE, senderId: senders[0] });
  });

  it("honours the node's requested sender", () => {
    const second: SenderId = { id: "acme-promo", value: "ACME PROMO", kind: "alphanumeric", countries: "*", status: "approved" };
    const d = decideSend(input({ senders: [...senders, second], requestedSenderId: "acme-promo" }));
    expect(d).toEqual({ action: "allow", to: FR_PHONE, senderId: second });
  });
});
