import { describe, expect, it } from "vitest";
import { formatCountryList, parseCountryList } from "./country-list";

describe("parseCountryList", () => {
  it.each([
    ["*", "*"],
    [" * ", "*"],
    ["GB", ["GB"]],
    ["gb, fr  de;es", ["GB", "FR", "DE", "ES"]],
    ["", []],
    [" , ", []],
  ] as const)("%j → %j", (text, expected) => {
    expect(parseCountryList(text)).toEqual(expected);
  });
});

describe("formatCountryList", () => {
  it("names every country, or lists the codes", () => {
    expect(formatCountryList("*")).toBe("Every country");
    expect(formatCountryList(["GB", "FR"])).toBe("GB, FR");
  });
});
