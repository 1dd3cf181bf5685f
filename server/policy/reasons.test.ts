import { describe, expect, it } from "vitest";
import { COUNTRY_SEND_RULES } from "./country-send-rules";
import { DEFERRAL_REASONS, SUPPRESSION_REASONS, describeReason } from "./reasons";

describe("reasons", () => {
  it("are snake_case machine strings (country rules carry their rule after a colon)", () => {
    for (const reason of SUPPRESSION_REASONS) expect(reason).toMatch(/^[a-z]+(_[a-z]+)*$/);
    for (const reason of DEFERRAL_REASONS) expect(reason).toMatch(/^([a-z]+(_[a-z]+)*|country_rule:[A-Z]{2}(_[a-z]+)?)$/);
  });

  it("list every country rule the quiet-hours table can give", () => {
    expect(DEFERRAL_REASONS).toEqual(
      expect.arrayContaining([
        "quiet_hours",
        "country_rule:US",
        "country_rule:FR",
        "country_rule:FR_sunday",
        "country_rule:FR_holiday",
        "country_rule:AE",
        "country_rule:SA",
        "country_rule:IN",
      ]),
    );
    const windowReasons = DEFERRAL_REASONS.filter((r) => /^country_rule:[A-Z]{2}$/.test(r));
    expect(windowReasons).toHaveLength(COUNTRY_SEND_RULES.length);
  });

  it("have a distinct human label each", () => {
    const all = [...SUPPRESSION_REASONS, ...DEFERRAL_REASONS];
    const labels = all.map(describeReason);
    labels.forEach((label, i) => expect(label, all[i]).not.toBe(all[i]));
    expect(new Set(labels).size).toBe(all.length);
  });

  it.each([
    ["opted_out", "The recipient opted out of this channel"],
    ["country_rule:FR", "France: marketing only 08:00–22:00 local time"],
    ["country_rule:FR_sunday", "France: no marketing on Sundays"],
    ["country_rule:FR_holiday", "France: no marketing on public holidays"],
    ["run_ended", "Cancelled: the journey run ended before it could be sent"],
    ["provider_unavailable", "The provider could not be reached after retries"],
    ["provider_error:21610", "The provider refused the message (code 21610)"],
    ["something_new", "something_new"],
  ])("describeReason(%j) = %j", (reason, label) => {
    expect(describeReason(reason)).toBe(label);
  });
});
