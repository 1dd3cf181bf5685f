import { describe, expect, it } from "vitest";
import { describeMessageStatus, statusLabel } from "./message-status-text";

describe("describeMessageStatus", () => {
  it.each([
    ["a suppression names its reason", { status: "suppressed", reason: "opted_out" }, "UTC", "Suppressed: The recipient opted out of this channel"],
    ["a suppression without a reason", { status: "suppressed" }, "UTC", "Suppressed"],
    [
      "a quiet-hours deferral says until when, in the recipient's zone",
      { status: "deferred", reason: "quiet_hours", deferredUntil: "2025-05-14T06:00:00Z" },
      "Europe/Paris",
      "Deferred: Quiet hours in the recipient's time zone until 08:00 on 14 May 2025 (Europe/Paris)",
    ],
    [
      "a country-rule deferral",
      { status: "deferred", reason: "country_rule:FR_sunday", deferredUntil: new Date("2025-05-18T22:00:00Z") },
      "Europe/Paris",
      "Deferred: France: no marketing on Sundays until 00:00 on 19 May 2025 (Europe/Paris)",
    ],
    ["a deferral without a time", { status: "deferred", reason: "quiet_hours" }, "UTC", "Deferred: Quiet hours in the recipient's time zone"],
    ["an unknown reason is shown as stored", { status: "failed", reason: "carrier_said_no" }, "UTC", "Failed: carrier_said_no"],
    ["a provider error with its code", { status: "failed", reason: "provider_error:30003" }, "UTC", "Failed: The provider refused the message (code 30003)"],
    ["until is ignored once no longer deferred", { status: "sent", deferredUntil: "2025-05-14T06:00:00Z" }, "UTC", "Sent"],
    ["a plain status", { status: "delivered", reason: null }, "UTC", "Delivered"],
  ])("%s", (_name, message, zone, expected) => {
    expect(describeMessageStatus(message, zone)).toBe(expected);
  });
});

describe("statusLabel", () => {
  it.each([
    ["delivered", "Delivered"],
    ["cancelled", "Cancelled"],
    ["partially_delivered", "partially_delivered"],
  ])("%s → %s", (status, label) => {
    expect(statusLabel(status)).toBe(label);
  });
});
