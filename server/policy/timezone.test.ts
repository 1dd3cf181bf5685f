import { describe, expect, it } from "vitest";
import { countryOfPhone } from "./phone-country";
import {
  isValidTimeZone,
  normalizeTimeZone,
  resolveRecipientTimezone,
  singleZoneOfCountry,
  type ResolvedTimezone,
} from "./timezone";

describe("normalizeTimeZone", () => {
  const cases: [input: string | null | undefined, expected: string | undefined][] = [
    ["Europe/Paris", "Europe/Paris"],
    ["  Europe/Paris ", "Europe/Paris"],
    ["europe/paris", "Europe/Paris"],
    ["Asia/Calcutta", "Asia/Kolkata"],
    ["Asia/Kolkata", "Asia/Kolkata"],
    ["Europe/Kiev", "Europe/Kyiv"],
    ["US/Eastern", "America/New_York"],
    ["America/New_York", "America/New_York"],
    ["UTC", "UTC"],
    ["Etc/UTC", "UTC"],
    ["Mars/Olympus_Mons", undefined],
    ["+05:30", undefined],
    ["GMT+5", undefined],
    ["", undefined],
    [null, undefined],
    [undefined, undefined],
  ];

  it.each(cases)("%j → %j", (input, expected) => {
    expect(normalizeTimeZone(input)).toBe(expected);
  });

  it("isValidTimeZone agrees", () => {
    expect(isValidTimeZone("Asia/Calcutta")).toBe(true);
    expect(isValidTimeZone("Nowhere/Special")).toBe(false);
  });
});

describe("singleZoneOfCountry", () => {
  const cases: [country: string, expected: string | undefined][] = [
    ["FR", "Europe/Paris"],
    ["fr", "Europe/Paris"],
    ["IN", "Asia/Kolkata"],
    ["AE", "Asia/Dubai"],
    ["GB", "Europe/London"],
    // several zones that keep one time
    ["DE", "Europe/Berlin"],
    ["AR", "America/Argentina/Buenos_Aires"],
    // several times
    ["US", undefined],
    ["AU", undefined],
    ["ES", undefined],
    ["BR", undefined],
    ["XX", undefined],
  ];

  it.each(cases)("%s → %j", (country, expected) => {
    expect(singleZoneOfCountry(country)).toBe(expected);
  });
});

describe("countryOfPhone", () => {
  it.each([
    ["+33612345678", "FR"],
    ["+12125551234", "US"],
    ["+919876543210", "IN"],
    ["+971501234567", "AE"],
    [" +447400123456 ", "GB"],
    ["0612345678", undefined],
    ["not a number", undefined],
    ["", undefined],
    [null, undefined],
  ] as const)("%j → %j", (phone, expected) => {
    expect(countryOfPhone(phone)).toBe(expected);
  });
});

describe("resolveRecipientTimezone", () => {
  const cases: [
    name: string,
    input: Parameters<typeof resolveRecipientTimezone>[0],
    expected: ResolvedTimezone,
  ][] = [
    [
      "the profile's zone wins",
      { profileTimezone: "America/Chicago", phone: "+33612345678", workspaceTimezone: "Europe/London" },
      { zone: "America/Chicago", source: "profile" },
    ],
    [
      "a legacy profile zone is normalised",
      { profileTimezone: "Asia/Calcutta", phone: null, workspaceTimezone: "UTC" },
      { zone: "Asia/Kolkata", source: "profile" },
    ],
    [
      "an invalid profile zone falls through to the phone",
      { profileTimezone: "Paris", phone: "+33612345678", workspaceTimezone: "UTC" },
      { zone: "Europe/Paris", source: "phone_country" },
    ],
    [
      "a single-zone country from the phone",
      { profileTimezone: null, phone: "+919876543210", workspaceTimezone: "UTC" },
      { zone: "Asia/Kolkata", source: "phone_country" },
    ],
    [
      "a multi-zone country falls back to the workspace",
      { profileTimezone: null, phone: "+12125551234", workspaceTimezone: "America/Denver" },
      { zone: "America/Denver", source: "workspace" },
    ],
    [
      "an unparsable phone falls back to the workspace",
      { profileTimezone: undefined, phone: "12345", workspaceTimezone: "Europe/Berlin" },
      { zone: "Europe/Berlin", source: "workspace" },
    ],
    [
      "no phone at all",
      { workspaceTimezone: "Asia/Dubai" },
      { zone: "Asia/Dubai", source: "workspace" },
    ],
    [
      "an invalid workspace zone becomes UTC",
      { profileTimezone: null, phone: null, workspaceTimezone: "Somewhere/Else" },
      { zone: "UTC", source: "workspace" },
    ],
  ];

  it.each(cases)("%s", (_name, input, expected) => {
    expect(resolveRecipientTimezone(input)).toEqual(expected);
  });
});
