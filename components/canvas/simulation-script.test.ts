import { describe, expect, it } from "vitest";
import { simulate } from "@/server/journey/simulate";
import { example } from "./__fixtures__/examples";
import { highlightPath } from "./simulation-highlight";
import { formatElapsed, presetSteps, stopDecider, toSimulateInput, type ScriptSettings } from "./simulation-script";

const START = "2025-03-03T09:00:00.000Z";
const settings = (steps: ScriptSettings["steps"], extra: Partial<ScriptSettings> = {}): ScriptSettings => ({
  profile: { id: "p1", phone: "+447700900123", whatsapp: "+447700900123", email: "a@example.com", timezone: "Europe/London", first_name: "Ada" },
  steps,
  marketingOptIns: [],
  startAt: START,
  ...extra,
});

describe("presets", () => {
  it("WhatsApp undelivered takes the SMS safety net", () => {
    const journey = example("order-confirmation-whatsapp-sms-fallback");
    const steps = presetSteps("whatsapp_undelivered", journey);
    expect(steps).toEqual([{ kind: "outcome", nodeId: "wa", outcome: "undelivered", afterSeconds: 30 }]);
    const result = simulate(journey, toSimulateInput(journey, settings(steps, { data: { order_id: "A1" } })));
    expect(result.taken).toContainEqual({ nodeId: "wa", output: "fallback" });
    expect(result.sends.map((s) => s.channel)).toEqual(["whatsapp", "sms"]);
    expect([...highlightPath(journey, result.path, result.taken).edges].sort()).toEqual(["e1", "e3", "e4"]);
  });

  it("email opened after 2 h stays on the main path when the await allows a day", () => {
    const journey = example("email-unopened-sms-reminder");
    const result = simulate(journey, toSimulateInput(journey, settings(presetSteps("email_opened_2h", journey))));
    expect(result.taken).toContainEqual({ nodeId: "email", output: "next" });
    expect(result.sends.map((s) => s.channel)).toEqual(["email"]);
  });

  it("nothing delivered sends every fallback", () => {
    const journey = example("order-confirmation-whatsapp-sms-fallback");
    const result = simulate(journey, toSimulateInput(journey, settings(presetSteps("nothing_delivered", journey))));
    expect(result.taken).toContainEqual({ nodeId: "wa", output: "fallback" });
  });
});

describe("STOP", () => {
  const journey = example("appointment-reminder");

  it("counts as a reply to every SMS", () => {
    const input = toSimulateInput(journey, settings([{ kind: "stop", afterSeconds: 60 }]));
    expect(input.outcomes).toEqual([
      { nodeId: "sms", outcome: "delivered", afterSeconds: 1 },
      { nodeId: "sms", outcome: "replied", afterSeconds: 60 },
    ]);
  });

  it("suppresses SMS sent after the opt-out, not before", () => {
    const decide = stopDecider([{ kind: "stop", afterSeconds: 60 }])!;
    const t0 = new Date(START);
    const sms = { channel: "sms" } as Parameters<typeof decide>[0];
    const push = { channel: "push" } as Parameters<typeof decide>[0];
    expect(decide(sms, t0)).toEqual({ action: "allow" });
    expect(decide(sms, new Date(t0.getTime() + 59_000))).toEqual({ action: "allow" });
    expect(decide(push, new Date(t0.getTime() + 120_000))).toEqual({ action: "allow" });
    expect(decide(sms, new Date(t0.getTime() + 60_000))).toMatchObject({ action: "suppress" });
    expect(stopDecider([])).toBeUndefined();
  });
});

describe("toSimulateInput", () => {
  it("passes events, data and marketing opt-ins", () => {
    const journey = example("otp-then-whatsapp");
    const input = toSimulateInput(
      journey,
      settings([{ kind: "event", name: "phone_verified", afterSeconds: 120, properties: {} }], { data: { code: "123456" }, marketingOptIns: ["whatsapp"] }),
    );
    expect(input).toMatchObject({
      events: [{ name: "phone_verified", afterSeconds: 120, properties: {} }],
      consents: [{ channel: "whatsapp", purpose: "marketing", status: "opted_in" }],
      data: { code: "123456" },
      startAt: START,
    });
    const result = simulate(journey, input);
    expect(result.taken).toContainEqual({ nodeId: "consented", output: "whatsapp_ok" });
  });
});

describe("formatElapsed", () => {
  it.each([
    [0, "+0 s"],
    [300_000, "+5 min"],
    [93_600_000, "+1 d 2 h"],
    [61_000, "+1 min 1 s"],
  ])("%i ms → %s", (ms, expected) => {
    expect(formatElapsed(ms)).toBe(expected);
  });
});
