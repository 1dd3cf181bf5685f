import { describe, expect, it } from "vitest";
import { normalizeSenderValue, SenderIdInputSchema, type SenderIdInput } from "./sender-id-input";

function issues(input: SenderIdInput) {
  const result = SenderIdInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("SenderIdInputSchema", () => {
  it.each<[string, SenderIdInput]>([
    ["alphanumeric for listed countries", { value: "ACME", kind: "alphanumeric", countries: ["GB", "fr"] }],
    ["alphanumeric with a space", { value: "Acme Shop", kind: "alphanumeric", countries: ["DE"] }],
    ["a long code everywhere", { value: "+14155550123", kind: "long_code", countries: "*" }],
    ["a toll-free number in the US", { value: "+18005550100", kind: "toll_free", countries: ["US", "CA"] }],
    ["a short code", { value: "12345", kind: "short_code", countries: ["US"], purposes: ["marketing"] }],
  ])("accepts %s", (_name, input) => {
    expect(issues(input)).toEqual([]);
  });

  it.each<[string, SenderIdInput, string, RegExp]>([
    ["a 12-character alphanumeric ID", { value: "ACMESHOPPING", kind: "alphanumeric", countries: ["GB"] }, "value", /1–11 characters/],
    ["an all-digit alphanumeric ID", { value: "12345", kind: "alphanumeric", countries: ["GB"] }, "value", /at least one letter/],
    ["punctuation in an alphanumeric ID", { value: "ACME!", kind: "alphanumeric", countries: ["GB"] }, "value", /letters A–Z, digits and spaces/],
    ["a long code without +", { value: "14155550123", kind: "long_code", countries: "*" }, "value", /E\.164/],
    ["a two-digit short code", { value: "12", kind: "short_code", countries: ["US"] }, "value", /3–8 digits/],
    ["alphanumeric in the US", { value: "ACME", kind: "alphanumeric", countries: ["GB", "us"] }, "countries", /not supported in United States.*\(US\)/],
    ["alphanumeric in Canada and Puerto Rico", { value: "ACME", kind: "alphanumeric", countries: ["CA", "PR"] }, "countries", /not supported in Canada \(CA\), Puerto Rico \(PR\)/],
    ["alphanumeric for every country", { value: "ACME", kind: "alphanumeric", countries: "*" }, "countries", /not supported in the US, Canada or Puerto Rico/],
    ["an unknown country code", { value: "+14155550123", kind: "long_code", countries: ["ZZ"] }, "countries", /"ZZ" is not an ISO country code/],
    ["a three-letter country code", { value: "+14155550123", kind: "long_code", countries: ["GBR", "XX"] }, "countries", /"GBR", "XX" are not ISO country codes/],
    ["no countries", { value: "+14155550123", kind: "long_code", countries: [] }, "countries", /at least one country/],
    ["an empty value", { value: "  ", kind: "short_code", countries: ["US"] }, "value", /Enter the sender ID/],
  ])("refuses %s, on the field it concerns", (_name, input, path, message) => {
    const found = issues(input);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe(path);
    expect(found[0]!.message).toMatch(message);
  });

  it("normalises countries and purposes", () => {
    const parsed = SenderIdInputSchema.parse({ value: " ACME ", kind: "alphanumeric", countries: ["gb", "GB", "fr"], purposes: ["marketing", "transactional"] });
    expect(parsed).toEqual({ value: "ACME", kind: "alphanumeric", countries: ["GB", "FR"], purposes: undefined });
    expect(SenderIdInputSchema.parse({ value: "12345", kind: "short_code", countries: ["US"], purposes: [] }).purposes).toBeUndefined();
    expect(SenderIdInputSchema.parse({ value: "12345", kind: "short_code", countries: ["US"], purposes: ["marketing", "marketing"] }).purposes).toEqual(["marketing"]);
  });
});

describe("normalizeSenderValue", () => {
  it.each([
    ["+1 (415) 555-0123", "long_code", "+14155550123"],
    ["800.555.0100", "toll_free", "8005550100"],
    ["  Acme Shop ", "alphanumeric", "Acme Shop"],
    ["12 345", "short_code", "12345"],
  ] as const)("%s as %s → %s", (value, kind, expected) => {
    expect(normalizeSenderValue(value, kind)).toBe(expected);
  });
});
