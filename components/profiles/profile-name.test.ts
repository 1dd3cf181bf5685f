import { describe, expect, it } from "vitest";
import { profileName } from "./profile-name";

describe("profileName", () => {
  it.each([
    { attributes: { first_name: "Ana", last_name: "Silva" }, want: "Ana Silva" },
    { attributes: { first_name: "Ana" }, want: "Ana" },
    { attributes: { last_name: "Silva" }, want: "Silva" },
    { attributes: { first_name: "  Ana ", last_name: "" }, want: "Ana" },
    { attributes: { first_name: 42, last_name: null }, want: null },
    { attributes: {}, want: null },
  ])("$attributes → $want", ({ attributes, want }) => {
    expect(profileName(attributes)).toBe(want);
  });
});
