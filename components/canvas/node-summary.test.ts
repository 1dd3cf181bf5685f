import { describe, expect, it } from "vitest";
import type { Condition, SendConfig, WaitConfig } from "@/server/journey/schema";
import {
  conditionSummary,
  fallbackCondition,
  formatDays,
  preview,
  sendPreview,
  triggerSummary,
  updateProfileSummary,
  waitSummary,
  webhookSummary,
} from "./node-summary";

describe("preview", () => {
  it("collapses whitespace and cuts at a word", () => {
    expect(preview("Hi  there\nfriend")).toBe("Hi there friend");
    expect(preview("one two three four five", 12)).toBe("one two…");
  });
});

describe("sendPreview", () => {
  it.each<[SendConfig, string]>([
    [{ channel: "sms", content: { body: "Your code is {{ event.code }}" } }, "Your code is {{ event.code }}"],
    [{ channel: "whatsapp", content: { template: "order_update", language: "en", variables: [] } }, "Template “order_update” (en)"],
    [{ channel: "email", content: { subject: "Invoice", text: "Pay" } }, "Invoice"],
    [{ channel: "email", content: { subject: "", text: "Pay" } }, "Pay"],
    [{ channel: "push", content: { title: "Tomorrow", body: "Clinic" } }, "Tomorrow — Clinic"],
    [{ channel: "voice", content: { say: "Hello" } }, "Hello"],
  ])("%o → %s", (config, expected) => {
    expect(sendPreview(config)).toBe(expected);
  });
});

describe("fallbackCondition", () => {
  it.each<[SendConfig["await"], string]>([
    [{ outcome: "delivered", within: { minutes: 5 } }, "if not delivered in 5 min → fallback"],
    [{ outcome: "opened", within: { hours: 24 } }, "if not opened in 24 h → fallback"],
    [{ outcome: "replied", within: { hours: 4 } }, "if no reply in 4 h → fallback"],
    [undefined, "if it cannot be sent → fallback"],
  ])("%o → %s", (awaited, expected) => {
    const config: SendConfig = { channel: "sms", content: { body: "x" }, ...(awaited ? { await: awaited } : {}) };
    expect(fallbackCondition(config)).toBe(expected);
  });
});

describe("waitSummary", () => {
  it.each<[WaitConfig, string]>([
    [{ mode: "duration", duration: { hours: 1, minutes: 30 } }, "Wait 1 h 30 min"],
    [{ mode: "until_time", at: "10:00", days: ["mon", "tue", "wed", "thu", "fri"], timezone: "recipient" }, "Until 10:00, Mon–Fri (recipient’s local time)"],
    [{ mode: "until_time", at: "09:30", timezone: "Europe/Paris" }, "Until 09:30, every day (Europe/Paris)"],
    [{ mode: "until_date", field: "event.appointment_at", offset: { hours: -24 } }, "24 h before event.appointment_at"],
    [{ mode: "until_date", field: "event.appointment_at", offset: { minutes: 15 } }, "15 min after event.appointment_at"],
    [{ mode: "until_date", field: "event.appointment_at" }, "Until event.appointment_at"],
    [{ mode: "until_event", event: "phone_verified", timeout: { minutes: 10 } }, "Until “phone_verified”, at most 10 min"],
  ])("%o → %s", (config, expected) => {
    expect(waitSummary(config)).toBe(expected);
  });
});

describe("formatDays", () => {
  it.each<[Parameters<typeof formatDays>[0], string]>([
    [undefined, "every day"],
    [["sat", "sun"], "Sat, Sun"],
    [["wed", "mon", "tue"], "Mon–Wed"],
    [["mon", "wed", "fri"], "Mon, Wed, Fri"],
  ])("%o → %s", (days, expected) => {
    expect(formatDays(days)).toBe(expected);
  });
});

describe("conditionSummary", () => {
  it.each<[Condition, string]>([
    [{ field: "profile.country", op: "in", value: ["GB", "US"] }, "profile.country in GB, US"],
    [{ field: "profile.email", op: "exists" }, "profile.email is set"],
    [{ consent: { channel: "whatsapp", purpose: "marketing" } }, "consents to WhatsApp marketing"],
    [{ engagement: { channel: "email", status: "clicked", withinHours: 24 } }, "Email clicked within 24 h"],
    [
      { all: [{ field: "event.total", op: "gte", value: 100 }, { any: [{ field: "profile.tier", op: "eq", value: "gold" }, { not: { field: "profile.vip", op: "exists" } }] }] },
      "event.total ≥ 100 and (profile.tier = gold or not profile.vip is set)",
    ],
  ])("%o → %s", (c, expected) => {
    expect(conditionSummary(c)).toBe(expected);
  });
});

describe("other summaries", () => {
  it("reads triggers, webhooks and profile updates", () => {
    expect(triggerSummary({ kind: "event", event: "order_placed" })).toBe("When “order_placed” happens");
    expect(triggerSummary({ kind: "api" })).toBe("When enrolled through the API");
    expect(triggerSummary({ kind: "schedule", cron: "0 9 * * 1", timezone: "UTC" })).toBe("On schedule 0 9 * * 1 (UTC)");
    expect(webhookSummary({ url: "https://example.com/hook", method: "POST" })).toBe("POST example.com/hook");
    expect(updateProfileSummary({ set: { tier: "gold", vip: true } })).toBe("Set tier, vip");
    expect(updateProfileSummary({ set: {} })).toBe("Sets nothing yet");
  });
});
