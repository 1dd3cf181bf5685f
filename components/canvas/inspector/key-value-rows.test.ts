import { describe, expect, it } from "vitest";
import { attrKind, attrValue, fromRows, toRows } from "./key-value-rows";

describe("rows", () => {
  it("round-trips a record in order", () => {
    const record = { b: 1, a: "x" };
    expect(toRows(record)).toEqual([
      { key: "b", value: 1 },
      { key: "a", value: "x" },
    ]);
    expect(fromRows(toRows(record))).toEqual(record);
  });

  it("renames in place", () => {
    const rows = toRows({ a: 1, b: 2, c: 3 }).map((r) => (r.key === "b" ? { ...r, key: "z" } : r));
    expect(Object.keys(fromRows(rows))).toEqual(["a", "z", "c"]);
  });
});

describe("attribute values", () => {
  it.each([
    ["text", "gold", "gold"],
    ["number", "42", 42],
    ["number", "", 0],
    ["true", "", true],
    ["false", "", false],
    ["null", "", null],
  ] as const)("%s %j → %j", (kind, text, expected) => {
    expect(attrValue(kind, text)).toBe(expected);
    expect(attrKind(expected)).toBe(kind === "number" ? "number" : kind);
  });
});
