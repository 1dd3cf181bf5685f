import { describe, expect, it } from "vitest";
import { fromCapRows, toCapRows } from "./cap-rows";

describe("cap rows", () => {
  it("round-trips caps, reading a missing channel as any", () => {
    const caps = [
      { channel: "sms" as const, purpose: "marketing" as const, max: 1, windowHours: 24 },
      { purpose: "marketing" as const, max: 3, windowHours: 168 },
    ];
    const rows = toCapRows(caps, 10);
    expect(rows).toEqual([
      { key: 10, channel: "sms", purpose: "marketing", max: "1", windowHours: "24" },
      { key: 11, channel: "any", purpose: "marketing", max: "3", windowHours: "168" },
    ]);
    expect(fromCapRows(rows)).toEqual([caps[0], { ...caps[1], channel: "any" }]);
  });

  it("turns empty boxes into NaN and keeps fractions of hours", () => {
    const [cap] = fromCapRows([{ key: 0, channel: "email", purpose: "transactional", max: " ", windowHours: "0.5" }]);
    expect(cap?.max).toBeNaN();
    expect(cap?.windowHours).toBe(0.5);
  });
});
