import { describe, expect, it } from "vitest";
import { formErrors } from "./field-errors";

describe("formErrors", () => {
  it.each([
    ["no error", null, { fields: {}, form: null }],
    [
      "zod issues keyed by path, first message per field",
      {
        message: "[...]",
        data: {
          zodIssues: [
            { path: ["value"], message: "Too long" },
            { path: ["value"], message: "Second" },
            { path: ["caps", 0, "max"], message: "Too small" },
          ],
        },
      },
      { fields: { value: "Too long", "caps.0.max": "Too small" }, form: null },
    ],
    ["an issue without a path is about the form", { data: { zodIssues: [{ path: [], message: "Bad input" }] } }, { fields: {}, form: "Bad input" }],
    ["a server error is about the form", { message: "ACME is already registered.", data: { zodIssues: null } }, { fields: {}, form: "ACME is already registered." }],
    ["an error without words", {}, { fields: {}, form: "Something went wrong." }],
  ])("%s", (_name, error, expected) => {
    expect(formErrors(error)).toEqual(expected);
  });
});
