import { describe, expect, it } from "vitest";
import type { Channel } from "@/server/journey/schema";
import { messageBody } from "./message-body";

describe("messageBody", () => {
  it.each<[string, Channel, unknown, string]>([
    ["sms", "sms", { body: "Your code is 1234" }, "Your code is 1234"],
    ["whatsapp text", "whatsapp", { body: "Hi Sam" }, "Hi Sam"],
    ["whatsapp template", "whatsapp", { template: "order_update", language: "en_GB", variables: ["A-1", "Sam"] }, "[template order_update (en_GB)] A-1 · Sam"],
    ["whatsapp template without variables", "whatsapp", { template: "hello", language: "en", variables: [] }, "[template hello (en)]"],
    ["email", "email", { subject: "Invoice INV-7", text: "Pay £42.", html: "<p>Pay £42.</p>" }, "Invoice INV-7\n\nPay £42."],
    ["email without text", "email", { subject: "Hello", text: "" }, "Hello"],
    ["push", "push", { title: "Appointment", body: "Tomorrow 09:30", url: "https://x" }, "Appointment\n\nTomorrow 09:30"],
    ["in-app", "in_app", { title: "Welcome", body: "Take the tour", cta: "Go" }, "Welcome\n\nTake the tour"],
    ["voice", "voice", { say: "Your code is 1 2 3 4", language: "en-GB" }, "Your code is 1 2 3 4"],
    ["a help reply on email", "email", { body: "Reply STOP to opt out" }, "Reply STOP to opt out"],
    ["unreadable content", "sms", null, ""],
    ["content of the wrong shape", "voice", { say: 42 }, ""],
  ])("%s", (_name, channel, content, expected) => {
    expect(messageBody(channel, content)).toBe(expected);
  });
});
