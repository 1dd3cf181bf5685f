import { describe, expect, it } from "vitest";
import { DEFAULT_CAPS } from "./frequency-caps";
import { DEFAULT_HELP_TEXT, SendPolicySchema, parseSendPolicy } from "./send-policy";

describe("SendPolicySchema", () => {
  it("fills every default from nothing", () => {
    const expected = {
      timezone: "UTC",
      quietHours: { start: "21:00", end: "08:00" },
      caps: DEFAULT_CAPS,
      helpText: DEFAULT_HELP_TEXT,
    };
    expect(SendPolicySchema.parse({})).toEqual(expected);
    expect(parseSendPolicy(null)).toEqual(expected);
    expect(parseSendPolicy(undefined)).toEqual(expected);
  });

  it("hands out fresh default objects, so a caller cannot change the defaults", () => {
    const first = parseSendPolicy({});
    first.quietHours.start = "20:00";
    first.caps[0]!.max = 99;
    expect(parseSendPolicy({}).quietHours.start).toBe("21:00");
    expect(parseSendPolicy({}).caps[0]!.max).toBe(1);
  });

  it("keeps given values and drops unknown keys", () => {
    const policy = parseSendPolicy({
      timezone: "Europe/Paris",
      quietHours: { start: "22:00", end: "07:30" },
      caps: [],
      helpText: "  ACME: reply STOP to opt out.  ",
      legacyField: true,
    });
    expect(policy).toEqual({
      timezone: "Europe/Paris",
      quietHours: { start: "22:00", end: "07:30" },
      caps: [],
      helpText: "ACME: reply STOP to opt out.",
    });
  });

  it.each([
    ["an unknown zone", { timezone: "Mars/Base" }, ["timezone"]],
    ["an offset instead of a zone", { timezone: "+02:00" }, ["timezone"]],
    ["a bad time", { quietHours: { start: "9pm", end: "08:00" } }, ["quietHours", "start"]],
    ["a half window", { quietHours: { start: "21:00" } }, ["quietHours", "end"]],
    ["a bad cap", { caps: [{ channel: "sms", purpose: "marketing", max: 0, windowHours: 24 }] }, ["caps", 0, "max"]],
    ["an empty help text", { helpText: "   " }, ["helpText"]],
    ["an overlong help text", { helpText: "x".repeat(321) }, ["helpText"]],
  ])("rejects %s", (_name, input, path) => {
    const result = SendPolicySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual(path);
  });
});
