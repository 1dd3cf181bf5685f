import { describe, expect, it } from "vitest";
import { withOptional } from "./optional-key";

type Config = { at?: string; urgent?: boolean; days?: string[]; kind: string };

describe("withOptional", () => {
  it.each([
    { name: "sets a value", base: { kind: "x" }, key: "at", value: "09:00", expected: { kind: "x", at: "09:00" } },
    { name: "replaces a value", base: { kind: "x", at: "08:00" }, key: "at", value: "09:00", expected: { kind: "x", at: "09:00" } },
    { name: "drops an emptied string", base: { kind: "x", at: "08:00" }, key: "at", value: "", expected: { kind: "x" } },
    { name: "drops undefined", base: { kind: "x", at: "08:00" }, key: "at", value: undefined, expected: { kind: "x" } },
    { name: "drops false", base: { kind: "x", urgent: true }, key: "urgent", value: false, expected: { kind: "x" } },
    { name: "keeps true", base: { kind: "x" }, key: "urgent", value: true, expected: { kind: "x", urgent: true } },
  ] as { name: string; base: Config; key: keyof Config; value: Config[keyof Config]; expected: Config }[])("$name", ({ base, key, value, expected }) => {
    const result = withOptional(base, key, value);
    expect(result).toEqual(expected);
    expect(Object.keys(result).sort()).toEqual(Object.keys(expected).sort());
  });

  it("leaves the original untouched", () => {
    const base: Config = { kind: "x", at: "08:00" };
    withOptional(base, "at", undefined);
    expect(base).toEqual({ kind: "x", at: "08:00" });
  });
});
