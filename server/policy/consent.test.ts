import { describe, expect, it } from "vitest";
import type { ConsentFact } from "@/server/journey/context";
import type { Channel, Purpose } from "@/server/journey/schema";
import { checkConsent, currentConsents, keywordConsentRecords, type ConsentRecord } from "./consent";

const rec = (
  channel: Channel,
  purpose: Purpose,
  status: ConsentRecord["status"],
  at: string,
  source = "api",
): ConsentRecord => ({ channel, purpose, status, source, at });

describe("currentConsents", () => {
  it("keeps the latest record per channel and purpose, whatever the list order", () => {
    const facts = currentConsents([
      rec("sms", "marketing", "opted_out", "2025-03-01T00:00:00Z"),
      rec("sms", "marketing", "opted_in", "2025-01-01T00:00:00Z"),
      rec("email", "marketing", "opted_in", "2025-02-01T00:00:00Z"),
      rec("sms", "transactional", "opted_in", "2025-01-01T00:00:00Z"),
    ]);
    expect(facts).toHaveLength(3);
    expect(facts).toEqual(
      expect.arrayContaining([
        { channel: "sms", purpose: "marketing", status: "opted_out" },
        { channel: "email", purpose: "marketing", status: "opted_in" },
        { channel: "sms", purpose: "transactional", status: "opted_in" },
      ]),
    );
  });

  it("breaks ties on time by list order (the later record wins)", () => {
    const at = "2025-03-01T12:00:00Z";
    expect(currentConsents([rec("sms", "marketing", "opted_in", at), rec("sms", "marketing", "opted_out", at)])).toEqual([
      { channel: "sms", purpose: "marketing", status: "opted_out" },
    ]);
    expect(currentConsents([rec("sms", "marketing", "opted_out", at), rec("sms", "marketing", "opted_in", at)])).toEqual([
      { channel: "sms", purpose: "marketing", status: "opted_in" },
    ]);
  });

  it("accepts Date and ISO string times alike", () => {
    const facts = currentConsents([
      { ...rec("sms", "marketing", "opted_in", ""), at: new Date("2025-05-01T00:00:00Z") },
      rec("sms", "marketing", "opted_out", "2025-04-30T23:59:59Z"),
    ]);
    expect(facts).toEqual([{ channel: "sms", purpose: "marketing", status: "opted_in" }]);
  });

  it("returns nothing for an empty ledger and rejects unreadable times", () => {
    expect(currentConsents([])).toEqual([]);
    expect(() => currentConsents([rec("sms", "marketing", "opted_in", "yesterday")])).toThrow(/invalid time/);
  });
});

describe("checkConsent", () => {
  const f = (channel: Channel, purpose: Purpose, status: ConsentFact["status"]): ConsentFact => ({
    channel,
    purpose,
    status,
  });
  const ok = { ok: true } as const;
  const noOptIn = { ok: false, reason: "no_opt_in" } as const;
  const optedOut = { ok: false, reason: "opted_out" } as const;

  const cases: [string, Channel, Purpose, ConsentFact[], ReturnType<typeof checkConsent>][] = [
    ["transactional with no record", "sms", "transactional", [], ok],
    ["marketing with no record", "sms", "marketing", [], noOptIn],
    ["marketing with an opt-in", "sms", "marketing", [f("sms", "marketing", "opted_in")], ok],
    ["an opt-in on another channel does not count", "sms", "marketing", [f("email", "marketing", "opted_in")], noOptIn],
    ["a transactional opt-in is not a marketing one", "sms", "marketing", [f("sms", "transactional", "opted_in")], noOptIn],
    ["marketing opted out", "sms", "marketing", [f("sms", "marketing", "opted_out")], optedOut],
    ["a marketing opt-out blocks transactional too", "sms", "transactional", [f("sms", "marketing", "opted_out")], optedOut],
    [
      "a transactional opt-out blocks marketing despite its opt-in",
      "sms",
      "marketing",
      [f("sms", "marketing", "opted_in"), f("sms", "transactional", "opted_out")],
      optedOut,
    ],
    [
      "an opt-out on another channel does not block",
      "email",
      "transactional",
      [f("sms", "marketing", "opted_out"), f("sms", "transactional", "opted_out")],
      ok,
    ],
    [
      "email marketing with its opt-in while SMS is opted out",
      "email",
      "marketing",
      [f("sms", "transactional", "opted_out"), f("email", "marketing", "opted_in")],
      ok,
    ],
    ["whatsapp opt-out", "whatsapp", "transactional", [f("whatsapp", "transactional", "opted_out")], optedOut],
  ];

  it.each(cases)("%s", (_name, channel, purpose, facts, expected) => {
    expect(checkConsent({ channel, purpose }, facts)).toEqual(expected);
  });
});

describe("keywordConsentRecords", () => {
  const at = "2025-06-01T10:00:00Z";

  it("records STOP as an opt-out of both purposes of the channel", () => {
    expect(keywordConsentRecords({ kind: "opt_out", channel: "sms", at, source: "inbound:STOP" })).toEqual([
      { channel: "sms", purpose: "transactional", status: "opted_out", source: "inbound:STOP", at },
      { channel: "sms", purpose: "marketing", status: "opted_out", source: "inbound:STOP", at },
    ]);
  });

  it.each(["help", "revocation_intent", "other"] as const)("records nothing for %s", (kind) => {
    expect(keywordConsentRecords({ kind, channel: "sms", at, source: "inbound" })).toEqual([]);
  });

  it("STOP then START restores marketing sends that had an opt-in", () => {
    const ledger: ConsentRecord[] = [
      rec("sms", "marketing", "opted_in", "2025-01-01T00:00:00Z", "signup form"),
      ...keywordConsentRecords({ kind: "opt_out", channel: "sms", at: "2025-06-01T10:00:00Z", source: "inbound:STOP" }),
    ];
    const send = { channel: "sms", purpose: "marketing" } as const;
    expect(checkConsent(send, currentConsents(ledger))).toEqual({ ok: false, reason: "opted_out" });
    expect(checkConsent({ ...send, purpose: "transactional" }, currentConsents(ledger))).toEqual({ ok: false, reason: "opted_out" });

    ledger.push(...keywordConsentRecords({ kind: "opt_in", channel: "sms", at: "2025-06-02T10:00:00Z", source: "inbound:START" }));
    expect(checkConsent(send, currentConsents(ledger))).toEqual({ ok: true });
    expect(checkConsent({ ...send, purpose: "transactional" }, currentConsents(ledger))).toEqual({ ok: true });
  });

  it("an opt-in for one purpose does not lift an opt-out recorded for the other", () => {
    const facts = currentConsents([
      rec("sms", "transactional", "opted_out", "2025-06-01T00:00:00Z"),
      rec("sms", "marketing", "opted_in", "2025-06-02T00:00:00Z"),
    ]);
    expect(checkConsent({ channel: "sms", purpose: "marketing" }, facts)).toEqual({ ok: false, reason: "opted_out" });
  });
});
