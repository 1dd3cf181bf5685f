import { describe, expect, it } from "vitest";
import { analyzeSms } from "@/server/channels/sms/segments";
import { smsCapacity, smsCost } from "./sms-budget";

describe("smsCapacity", () => {
  it.each([
    ["a short GSM-7 text", "Hello", 160],
    ["a two-part GSM-7 text", "x".repeat(200), 306],
    ["a short UCS-2 text", "Hi 😀", 70],
    ["a two-part UCS-2 text", "😀".repeat(40), 134],
  ])("fits %s", (_why, text, expected) => {
    expect(smsCapacity(analyzeSms(text))).toBe(expected);
  });
});

describe("smsCost", () => {
  it("multiplies segments by the price", () => {
    expect(smsCost(3, { perSegment: 0.0079, currency: "USD" })).toBe("$0.0237");
    expect(smsCost(1, { perSegment: 0.05, currency: "EUR" })).toBe("€0.05");
  });
});
