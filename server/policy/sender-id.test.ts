import { describe, expect, it } from "vitest";
import type { Purpose } from "@/server/journey/schema";
import {
  SenderIdSchema,
  chooseSenderId,
  validateSenderIdFormat,
  type SenderId,
  type SenderIdKind,
} from "./sender-id";

describe("validateSenderIdFormat", () => {
  const valid: [string, SenderIdKind][] = [
    ["ACME", "alphanumeric"],
    ["A", "alphanumeric"],
    ["Acme Shop 1", "alphanumeric"],
    ["ACMEBANK123", "alphanumeric"],
    ["2FA Codes", "alphanumeric"],
    ["+14155550123", "long_code"],
    ["+33756123456", "long_code"],
    ["+123456789012345", "long_code"],
    ["+18005551212", "toll_free"],
    ["123", "short_code"],
    ["36180", "short_code"],
    ["12345678", "short_code"],
  ];
  it.each(valid)("%j is a valid %s", (value, kind) => {
    expect(validateSenderIdFormat(value, kind)).toEqual({ ok: true });
  });

  const invalid: [string, SenderIdKind, RegExp][] = [
    ["", "alphanumeric", /1–11 characters/],
    ["ACMEBANK1234", "alphanumeric", /1–11 characters; "ACMEBANK1234" has 12/],
    ["ACME-SHOP", "alphanumeric", /letters A–Z, digits and spaces/],
    ["Café", "alphanumeric", /letters A–Z, digits and spaces/],
    ["ACME!", "alphanumeric", /letters A–Z, digits and spaces/],
    ["12345", "alphanumeric", /at least one letter/],
    ["   ", "alphanumeric", /at least one letter/],
    ["14155550123", "long_code", /E\.164/],
    ["+1 415 555 0123", "long_code", /E\.164/],
    ["+04155550123", "long_code", /E\.164/],
    ["+1234567890123456", "long_code", /at most 15 digits/],
    ["18005551212", "toll_free", /toll-free number is an E\.164/],
    ["12", "short_code", /3–8 digits/],
    ["123456789", "short_code", /3–8 digits/],
    ["ACME", "short_code", /3–8 digits/],
  ];
  it.each(invalid)("%j is not a valid %s", (value, kind, message) => {
    const result = validateSenderIdFormat(value, kind);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

const sender = (id: string, over: Partial<SenderId> = {}): SenderId => ({
  id,
  value: "ACME",
  kind: "alphanumeric",
  countries: "*",
  status: "approved",
  ...over,
});

describe("chooseSenderId", () => {
  const alphaAny = sender("alpha-any");
  const alphaFr = sender("alpha-fr", { value: "ACMEFR", countries: ["FR"] });
  const usLong = sender("us-long", { value: "+14155550123", kind: "long_code", countries: ["US"] });
  const usShortMarketing = sender("us-short", { value: "12345", kind: "short_code", countries: ["US"], purposes: ["marketing"] });
  const tollFreeAny = sender("tf-any", { value: "+18005551212", kind: "toll_free" });
  const pendingFr = sender("pending-fr", { value: "NEWFR", countries: ["FR"], status: "pending" });
  const rejectedFr = sender("rejected-fr", { value: "BADFR", countries: ["FR"], status: "rejected" });
  const brokenFr = sender("broken-fr", { value: "TOO LONG NAME", countries: ["FR"] });
  const alphaUs = sender("alpha-us", { value: "ACMEUS", countries: ["US", "CA"] });
  const otpFr = sender("otp-fr", { value: "ACMEOTP", countries: ["fr"], purposes: ["transactional"] });

  const cases: [
    name: string,
    send: { country?: string | null; purpose: Purpose; requested?: string },
    senders: SenderId[],
    expected: string | undefined,
  ][] = [
    ["country-specific before '*'", { country: "FR", purpose: "marketing" }, [alphaAny, alphaFr], "alpha-fr"],
    ["'*' when nothing is registered for the country", { country: "DE", purpose: "marketing" }, [alphaAny, alphaFr], "alpha-any"],
    ["country codes match in any case", { country: "fr", purpose: "transactional" }, [alphaAny, otpFr], "otp-fr"],
    ["pending, rejected and malformed senders never qualify", { country: "FR", purpose: "marketing" }, [pendingFr, rejectedFr, brokenFr], undefined],
    ["…and the next best is used", { country: "FR", purpose: "marketing" }, [pendingFr, rejectedFr, brokenFr, alphaAny], "alpha-any"],
    ["alphanumeric never for the US, even when listed", { country: "US", purpose: "marketing" }, [alphaUs, alphaAny], undefined],
    ["alphanumeric never for Canada", { country: "CA", purpose: "transactional" }, [alphaUs], undefined],
    ["alphanumeric never for Puerto Rico", { country: "PR", purpose: "transactional" }, [alphaAny], undefined],
    ["a number for the US", { country: "US", purpose: "transactional" }, [alphaAny, usLong], "us-long"],
    ["a '*' toll-free number for the US when there is no US sender", { country: "US", purpose: "transactional" }, [alphaAny, tollFreeAny], "tf-any"],
    ["a purpose-restricted sender serves only its purpose", { country: "US", purpose: "transactional" }, [usShortMarketing], undefined],
    ["purpose-specific before unrestricted", { country: "US", purpose: "marketing" }, [usLong, usShortMarketing], "us-short"],
    ["country-specific before purpose-specific '*'", { country: "FR", purpose: "marketing" }, [sender("m-any", { purposes: ["marketing"] }), alphaFr], "alpha-fr"],
    ["list order breaks ties", { country: "FR", purpose: "marketing" }, [alphaFr, sender("alpha-fr-2", { countries: ["FR"] })], "alpha-fr"],
    ["the requested sender by id when it qualifies", { country: "FR", purpose: "marketing", requested: "alpha-any" }, [alphaFr, alphaAny], "alpha-any"],
    ["the requested sender by value", { country: "FR", purpose: "marketing", requested: "ACME" }, [alphaFr, alphaAny], "alpha-any"],
    ["a requested sender that does not qualify falls back to the best", { country: "US", purpose: "marketing", requested: "alpha-any" }, [alphaAny, usLong], "us-long"],
    ["a requested pending sender falls back", { country: "FR", purpose: "marketing", requested: "pending-fr" }, [pendingFr, alphaFr], "alpha-fr"],
    ["an unknown requested sender falls back", { country: "FR", purpose: "marketing", requested: "nope" }, [alphaFr], "alpha-fr"],
    ["unknown country: only non-alphanumeric '*' senders", { country: null, purpose: "transactional" }, [alphaAny, usLong, tollFreeAny], "tf-any"],
    ["unknown country and only alphanumeric", { purpose: "transactional" }, [alphaAny], undefined],
    ["no senders at all", { country: "FR", purpose: "marketing" }, [], undefined],
  ];

  it.each(cases)("%s", (_name, send, senders, expected) => {
    const result = chooseSenderId(send, senders);
    if (expected === undefined) expect(result).toEqual({ ok: false, reason: "no_sender_id" });
    else expect(result).toEqual({ ok: true, sender: senders.find((s) => s.id === expected) });
  });
});

describe("SenderIdSchema", () => {
  it("parses a stored sender and rejects bad country lists", () => {
    expect(SenderIdSchema.parse(sender("a", { countries: ["FR", "BE"] }))).toMatchObject({ countries: ["FR", "BE"] });
    expect(SenderIdSchema.safeParse(sender("a", { countries: ["FRA"] })).success).toBe(false);
    expect(SenderIdSchema.safeParse({ ...sender("a"), kind: "email" }).success).toBe(false);
  });
});
