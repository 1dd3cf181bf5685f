import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJourney, type Journey } from "./schema";
import { MAX_VIRTUAL_DAYS, SimulateInputSchema, simulate, type SimulateOptions } from "./simulate";
import { splitVariant } from "./split";

const load = (file: string) => parseJourney(JSON.parse(readFileSync(new URL(`./__fixtures__/examples/${file}`, import.meta.url), "utf8")));
const order = load("order-confirmation-whatsapp-sms-fallback.json");
const otp = load("otp-then-whatsapp.json");
const invoice = load("email-unopened-sms-reminder.json");
const winback = load("winback-marketing.json");

const START = "2025-06-02T08:00:00.000Z";
const at = (ms: number) => new Date(Date.parse(START) + ms).toISOString();
const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;

const profile = { id: "p-1", first_name: "Ada", phone: "+447700900123", email: "ada@example.com", timezone: "Europe/London", country: "GB" };
const run = (journey: Journey, options: Partial<SimulateOptions> = {}) => simulate(journey, { profile, startAt: new Date(START), ...options });

describe("simulate: order confirmation", () => {
  const placed = [{ afterSeconds: 0, name: "order_placed", properties: { order_id: "A-1" } }];

  it.each([
    { why: "undelivered WhatsApp → SMS", outcomes: [{ nodeId: "wa", outcome: "undelivered" as const, afterSeconds: 3 }], path: ["placed", "wa", "sms", "done"], smsAt: at(3 * S) },
    { why: "failed WhatsApp → SMS", outcomes: [{ nodeId: "wa", outcome: "failed" as const, afterSeconds: 1 }], path: ["placed", "wa", "sms", "done"], smsAt: at(S) },
    { why: "no receipt → SMS after the 5 min window", outcomes: [{ nodeId: "wa", outcome: "no_receipt" as const, afterSeconds: 0 }], path: ["placed", "wa", "sms", "done"], smsAt: at(5 * MIN) },
    { why: "delivered → no SMS", outcomes: [{ nodeId: "wa", outcome: "delivered" as const, afterSeconds: 2 }], path: ["placed", "wa", "done"], smsAt: undefined },
    { why: "the sandbox default (delivered at +1 s) → no SMS", outcomes: [], path: ["placed", "wa", "done"], smsAt: undefined },
  ])("$why", ({ outcomes, path, smsAt }) => {
    const result = run(order, { events: placed, outcomes });
    expect(result.path).toEqual(path);
    expect(result.status).toBe("completed");
    expect(result.sends.map((s) => s.nodeId)).toEqual(smsAt ? ["wa", "sms"] : ["wa"]);
    expect(result.sends[0]?.content).toEqual({ body: "Hi Ada, order A-1 is confirmed." });
    if (smsAt) {
      expect(result.sends[1]).toMatchObject({ at: smsAt, channel: "sms", status: "delivered", content: { body: "ACME: order A-1 confirmed. Track it in the app." } });
      expect(result.taken).toContainEqual({ nodeId: "wa", output: "fallback" });
    }
  });

  it("records a WhatsApp delivery that comes after the fallback, without sending twice", () => {
    const result = run(order, { events: placed, outcomes: [{ nodeId: "wa", outcome: "delivered", afterSeconds: 600 }] });
    expect(result.sends.map((s) => [s.nodeId, s.status])).toEqual([
      ["wa", "delivered"],
      ["sms", "delivered"],
    ]);
    expect(result.timeline).toContainEqual(expect.objectContaining({ at: at(10 * MIN), nodeId: "wa", kind: "late_outcome" }));
  });

  it("a deferred send keeps its whole await window", () => {
    const decideSend: SimulateOptions["decideSend"] = (send, now) =>
      send.nodeId === "wa" && now.getTime() < Date.parse(at(8 * H)) ? { action: "defer", until: new Date(at(8 * H)), reason: "quiet hours" } : { action: "allow" };
    const result = run(order, { events: placed, decideSend, outcomes: [{ nodeId: "wa", outcome: "delivered", afterSeconds: 240 }] });
    expect(result.sends).toEqual([expect.objectContaining({ nodeId: "wa", at: START, sentAt: at(8 * H), status: "delivered", reason: "quiet hours" })]);
    expect(result.timeline).toContainEqual(expect.objectContaining({ at: START, nodeId: "wa", kind: "deferred" }));
    expect(result.path).toEqual(["placed", "wa", "done"]);
    expect(result.endedAt).toBe(at(8 * H + 240 * S));
  });

  it("a suppressed send takes the fallback at once", () => {
    const result = run(order, {
      events: placed,
      decideSend: (send) => (send.channel === "whatsapp" ? { action: "suppress", reason: "no WhatsApp number" } : { action: "allow" }),
    });
    expect(result.sends.map((s) => [s.nodeId, s.status, s.reason])).toEqual([
      ["wa", "suppressed", "no WhatsApp number"],
      ["sms", "delivered", undefined],
    ]);
    expect(result.sends[1]?.at).toBe(START);
  });
});

describe("simulate: sign-up OTP", () => {
  const events = [
    { afterSeconds: 0, name: "signup_started", properties: { code: "424242" } },
    { afterSeconds: 45, name: "phone_verified", properties: {} },
  ];

  it.each([
    { consents: [{ channel: "whatsapp" as const, purpose: "marketing" as const, status: "opted_in" as const }], welcome: "welcome", output: "whatsapp_ok" },
    { consents: [], welcome: "welcome_email", output: "else" },
  ])("verified → branch $output → $welcome", ({ consents, welcome, output }) => {
    const result = run(otp, { events, consents });
    expect(result.path).toEqual(["signup", "otp", "verified", "consented", welcome, "end"]);
    expect(result.taken).toContainEqual({ nodeId: "verified", output: "event" });
    expect(result.taken).toContainEqual({ nodeId: "consented", output });
    expect(result.sends.map((s) => [s.nodeId, s.at])).toEqual([
      ["otp", START],
      [welcome, at(45 * S)],
    ]);
    expect(result.sends[0]?.content).toEqual({ body: "Your ACME code is 424242. It expires in 10 minutes." });
  });

  it("without verification, times out after 10 minutes", () => {
    const result = run(otp, { events: [events[0]!] });
    expect(result.taken.at(-1)).toEqual({ nodeId: "verified", output: "timeout" });
    expect(result.endedAt).toBe(at(10 * MIN));
  });

  it("ignores events before the entry", () => {
    const result = run(otp, { events: [{ afterSeconds: 0, name: "phone_verified", properties: {} }, { afterSeconds: 5, name: "signup_started", properties: { code: "1" } }] });
    expect(result.taken.at(-1)).toEqual({ nodeId: "verified", output: "timeout" });
  });
});

describe("simulate: invoice reminder", () => {
  const issued = [{ afterSeconds: 0, name: "invoice_issued", properties: { invoice_id: "INV-9", amount: "€40", pay_url: "https://pay.example/9" } }];

  it("an email delivered but never opened → SMS 24 h later", () => {
    const result = run(invoice, { events: issued, outcomes: [{ nodeId: "email", outcome: "delivered", afterSeconds: 1 }] });
    expect(result.sends.map((s) => [s.nodeId, s.at])).toEqual([
      ["email", START],
      ["sms", at(DAY)],
    ]);
    expect(result.path).toEqual(["issued", "email", "sms", "end"]);
  });

  it("opened (the sandbox default) → no SMS", () => {
    const result = run(invoice, { events: issued });
    expect(result.sends.map((s) => [s.nodeId, s.status])).toEqual([["email", "opened"]]);
  });

  it("paid converts and exits", () => {
    const result = run(invoice, {
      events: [...issued, { afterSeconds: 3_600, name: "invoice_paid", properties: {} }],
      outcomes: [{ nodeId: "email", outcome: "no_receipt", afterSeconds: 0 }],
    });
    expect(result.status).toBe("exited");
    expect(result.sends.map((s) => s.nodeId)).toEqual(["email"]);
    expect(result.timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(["converted", "exit"]));
    expect(result.timeline.at(-1)).toEqual({ at: at(H), kind: "exit", detail: "exit_on:invoice_paid" });
  });
});

describe("simulate: win-back", () => {
  const split = winback.nodes.find((n) => n.type === "split");
  const inHalf = (variant: string) => {
    if (split?.type !== "split") throw new Error("no split");
    const id = Array.from({ length: 50 }, (_, i) => `c-${i}`).find((c) => splitVariant(c, winback.key, split) === variant);
    if (!id) throw new Error(`nobody in ${variant}`);
    return id;
  };
  const lapsed = [{ afterSeconds: 0, name: "customer_lapsed", properties: { coupon: "BACK15" } }];
  const noOpen = [{ nodeId: "email", outcome: "delivered" as const, afterSeconds: 1 }];

  it("sends the SMS at 10:00 London on the next weekday after the window", () => {
    // Thursday 08:00 UTC → window ends Sunday → Monday 10:00 BST
    const result = simulate(winback, { profile: { ...profile, id: inHalf("sms") }, events: lapsed, outcomes: noOpen, startAt: "2025-06-05T08:00:00.000Z" });
    expect(result.sends.map((s) => [s.nodeId, s.at])).toEqual([
      ["email", "2025-06-05T08:00:00.000Z"],
      ["sms", "2025-06-09T09:00:00.000Z"],
    ]);
  });

  it("the holdout half ends after the email", () => {
    const result = run(winback, { profile: { ...profile, id: inHalf("holdout") }, events: lapsed, outcomes: noOpen });
    expect(result.taken.at(-1)).toEqual({ nodeId: "ab", output: "holdout" });
    expect(result.sends.map((s) => s.nodeId)).toEqual(["email"]);
  });

  it("counts an order after the run ended as a conversion", () => {
    const result = run(winback, { profile: { ...profile, id: inHalf("holdout") }, events: [...lapsed, { afterSeconds: 5 * 86_400, name: "order_placed", properties: {} }], outcomes: noOpen });
    expect(result.timeline).toContainEqual(expect.objectContaining({ at: at(5 * DAY), kind: "converted" }));
  });

  it("does not enter a profile the trigger's condition rejects", () => {
    const result = run(winback, { profile: { ...profile, country: "DE" }, events: lapsed });
    expect(result).toMatchObject({ status: "not_entered", path: [], sends: [], endedAt: START });
  });

  it("makes up the entry event when the script has none", () => {
    const result = run(winback, { profile: { ...profile, id: inHalf("holdout") }, data: { coupon: "X1" } });
    expect(result.timeline[0]).toMatchObject({ kind: "note" });
    expect(result.sends[0]?.content).toMatchObject({ text: "Here is 15% off: X1" });
  });
});

describe("simulate: webhooks, bounds", () => {
  const withHook = parseJourney({
    format: "switchboard.journey/v1",
    key: "hooked",
    name: "Hooked",
    purpose: "transactional",
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, config: { kind: "api" } },
      { id: "h", type: "webhook", position: { x: 0, y: 0 }, config: { url: "https://x.example/{{ profile.id }}", method: "POST" } },
      { id: "ok", type: "exit", position: { x: 0, y: 0 }, config: {} },
      { id: "fb", type: "exit", position: { x: 0, y: 0 }, config: {} },
    ],
    edges: [
      { id: "1", source: "t", sourceHandle: "next", target: "h" },
      { id: "2", source: "h", sourceHandle: "next", target: "ok" },
      { id: "3", source: "h", sourceHandle: "fallback", target: "fb" },
    ],
  });

  it.each([
    [[], "next"],
    [[{ nodeId: "h", outcome: "failed" as const, afterSeconds: 0 }], "fallback"],
  ])("a webhook with outcomes %j → %s, without calling anything", (outcomes, output) => {
    const result = run(withHook, { outcomes });
    expect(result.taken.at(-1)).toEqual({ nodeId: "h", output });
    expect(result.timeline).toContainEqual(expect.objectContaining({ kind: "webhook", detail: "POST https://x.example/p-1 (not called in a simulation)" }));
  });

  it(`stops a run that never ends after ${MAX_VIRTUAL_DAYS} virtual days`, () => {
    const forever = parseJourney({
      format: "switchboard.journey/v1",
      key: "forever",
      name: "Forever",
      purpose: "transactional",
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, config: { kind: "api" } },
        { id: "w", type: "wait", position: { x: 0, y: 0 }, config: { mode: "duration", duration: { days: 7 } } },
      ],
      edges: [
        { id: "1", source: "t", sourceHandle: "next", target: "w" },
        { id: "2", source: "w", sourceHandle: "next", target: "w" },
      ],
    });
    const result = run(forever);
    expect(result.status).toBe("waiting");
    expect(result.timeline.at(-1)?.kind).toBe("bound");
    expect(Date.parse(result.endedAt) - Date.parse(START)).toBeLessThanOrEqual(MAX_VIRTUAL_DAYS * DAY);
    expect(result.path.filter((n) => n === "w")).toHaveLength(Math.floor(MAX_VIRTUAL_DAYS / 7) + 1);
  });

  it("is deterministic", () => {
    const options = { events: [{ afterSeconds: 0, name: "order_placed", properties: { order_id: "A" } }], outcomes: [{ nodeId: "wa", outcome: "undelivered" as const, afterSeconds: 2 }] };
    expect(run(order, options)).toEqual(run(order, options));
  });
});

describe("SimulateInputSchema", () => {
  it("accepts the REST body and fills defaults", () => {
    const parsed = SimulateInputSchema.parse({ profile: { id: "p", first_name: "Ada" }, outcomes: [{ nodeId: "wa", outcome: "no_receipt" }] });
    expect(parsed).toEqual({ profile: { id: "p", first_name: "Ada" }, events: [], outcomes: [{ nodeId: "wa", outcome: "no_receipt", afterSeconds: 1 }], consents: [] });
  });

  it.each([
    [{ profile: {} }],
    [{ profile: { id: "p" }, outcomes: [{ nodeId: "wa", outcome: "maybe" }] }],
    [{ profile: { id: "p" }, events: [{ afterSeconds: -1, name: "x" }] }],
    [{ profile: { id: "p" }, startAt: "yesterday" }],
  ])("rejects %j", (body) => {
    expect(SimulateInputSchema.safeParse(body).success).toBe(false);
  });
});
