import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  exitOnMatches,
  MAX_TRANSITIONS_PER_STEP,
  mayEnter,
  nextWakeAt,
  step,
  triggerMatches,
  type MatchContext,
  type StepContext,
} from "./interpreter";
import {
  EffectSchema,
  RunInputSchema,
  RunStateSchema,
  type Effect,
  type EffectOf,
  type RunState,
} from "./run-state";
import { parseJourney, type Journey, type JourneyInput } from "./schema";
import { splitVariant } from "./split";

// ---- building journeys and runs ------------------------------------------------------------

type NodeSpec = { id: string; type: string; config: unknown };
type EdgeSpec = [source: string, handle: string, target: string];

function journeyOf(nodes: NodeSpec[], edges: EdgeSpec[], extra: Partial<JourneyInput> = {}): Journey {
  return parseJourney({
    format: "switchboard.journey/v1",
    key: "test-journey",
    name: "Test journey",
    purpose: "transactional",
    ...extra,
    nodes: nodes.map((n) => ({ position: { x: 0, y: 0 }, ...n })),
    edges: edges.map(([source, sourceHandle, target], i) => ({ id: `e${i}`, source, sourceHandle, target })),
  });
}

const apiTrigger: NodeSpec = { id: "t", type: "trigger", config: { kind: "api" } };
const exitNode: NodeSpec = { id: "end", type: "exit", config: {} };
const smsNode = (id: string, extra: Record<string, unknown> = {}): NodeSpec => ({
  id,
  type: "send",
  config: { channel: "sms", content: { body: `${id} for {{ profile.first_name }}` }, ...extra },
});

const T0 = "2025-06-02T08:00:00.000Z"; // a Monday
const at = (offsetMs: number, from = T0) => new Date(Date.parse(from) + offsetMs).toISOString();
const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;

const baseProfile = { id: "p-1", first_name: "Ada", tier: "gold", phone: "+447700900123" };

function contextAt(now: string, over: Partial<StepContext> = {}): StepContext {
  return {
    runId: "run-1",
    now: new Date(now),
    profile: baseProfile,
    consents: [],
    engagement: [],
    journey: { key: "test-journey", name: "Test journey", version: 1 },
    recipientTimezone: "Europe/Paris",
    ...over,
  };
}

type InputSpec = z.input<typeof RunInputSchema>;

/**
 * The smallest engine: feeds inputs one at a time, keeps the state as the engine would (JSON
 * in a jsonb column, re-parsed with the schema) and remembers every effect.
 */
class Run {
  state: RunState | null = null;
  last: Effect[] = [];
  all: Effect[] = [];
  constructor(
    readonly journey: Journey,
    readonly over: Partial<StepContext> = {},
  ) {}

  feed(input: InputSpec, now: string = T0): Effect[] {
    const before = structuredClone(this.state);
    const out = step(this.journey, this.state, RunInputSchema.parse(input), contextAt(now, this.over));
    expect(this.state, "step must not mutate the state it is given").toEqual(before);
    const stored = RunStateSchema.parse(JSON.parse(JSON.stringify(out.state)));
    expect(stored).toEqual(out.state);
    this.state = stored;
    expect(EffectSchema.array().parse(JSON.parse(JSON.stringify(out.effects)))).toEqual(out.effects);
    this.last = out.effects;
    this.all.push(...out.effects);
    return out.effects;
  }

  get live(): RunState {
    if (!this.state) throw new Error("not enrolled");
    return this.state;
  }

  /** The idempotency key of the latest send or webhook of a node. */
  keyOf(nodeId: string): string {
    const effect = this.all.findLast((e) => (e.type === "send" || e.type === "webhook") && e.nodeId === nodeId);
    if (!effect || (effect.type !== "send" && effect.type !== "webhook")) throw new Error(`no send from ${nodeId}`);
    return effect.key;
  }

  token(): string {
    const wait = this.live.wait;
    if (!wait || wait.kind === "dispatch") throw new Error("not on a timed wait");
    return wait.token;
  }
}

const ofType = <T extends Effect["type"]>(effects: Effect[], type: T) =>
  effects.filter((e): e is EffectOf<T> => e.type === type);
const took = (effects: Effect[]) => ofType(effects, "step").filter((s) => s.kind === "took").map((s) => `${s.nodeId}→${s.output}`);
const kinds = (effects: Effect[]) => ofType(effects, "step").map((s) => s.kind);

// ---- trigger and enrolment -----------------------------------------------------------------

describe("enrol", () => {
  const journey = journeyOf([apiTrigger, exitNode], [["t", "next", "end"]]);

  it("enters the trigger and takes next", () => {
    const run = new Run(journey);
    const effects = run.feed({ type: "enrol", data: { plan: "pro" } });
    expect(took(effects)).toEqual(["t→next"]);
    expect(run.live).toMatchObject({
      status: "completed",
      exitReason: "exit_node",
      nodeId: "end",
      visits: { t: 1, end: 1 },
      data: { event: { plan: "pro" } },
      enteredAt: T0,
    });
    expect(effects.at(-1)).toEqual({ type: "exit", reason: "exit_node" });
  });

  it("keeps the entry event's properties as event.*", () => {
    const run = new Run(journeyOf([{ id: "t", type: "trigger", config: { kind: "event", event: "order_placed" } }, exitNode], [["t", "next", "end"]]));
    run.feed({ type: "enrol", event: { name: "order_placed", properties: { order_id: "A1" } } });
    expect(run.live.data.event).toEqual({ order_id: "A1" });
  });

  it("ignores a second enrol of the same run", () => {
    const run = new Run(journeyOf([apiTrigger, { id: "w", type: "wait", config: { mode: "duration", duration: { hours: 1 } } }], [["t", "next", "w"]]));
    run.feed({ type: "enrol" });
    const state = run.state;
    expect(run.feed({ type: "enrol" })).toEqual([]);
    expect(run.state).toEqual(state);
  });

  it("refuses any other input before enrolment", () => {
    expect(() => step(journey, null, { type: "wake", token: "x" }, contextAt(T0))).toThrow(/enrolled/);
  });

  it("ends with no_edge when the trigger leads nowhere", () => {
    const run = new Run(journeyOf([apiTrigger], []));
    expect(run.feed({ type: "enrol" }).at(-1)).toEqual({ type: "exit", reason: "no_edge" });
    expect(run.live.status).toBe("completed");
  });

  it("ends with missing_node when an edge points at a node that is not there", () => {
    const run = new Run(journeyOf([apiTrigger], [["t", "next", "ghost"]]));
    const effects = run.feed({ type: "enrol" });
    expect(kinds(effects)).toContain("problem");
    expect(run.live).toMatchObject({ status: "exited", exitReason: "missing_node" });
  });
});

// ---- wait ----------------------------------------------------------------------------------

describe("wait: duration", () => {
  it.each([
    [{ seconds: 30 }, 30 * S],
    [{ minutes: 5 }, 5 * MIN],
    [{ hours: 2, minutes: 30 }, 2.5 * H],
    [{ days: 3 }, 3 * DAY],
  ])("%j → a timer %d ms later", (duration, ms) => {
    const run = new Run(journeyOf([apiTrigger, { id: "w", type: "wait", config: { mode: "duration", duration } }, exitNode], [["t", "next", "w"], ["w", "next", "end"]]));
    const effects = run.feed({ type: "enrol" });
    expect(run.live.status).toBe("waiting");
    expect(run.live.wait).toEqual({ kind: "timer", nodeId: "w", token: "run-1:w:1", until: at(ms) });
    expect(ofType(effects, "schedule")).toEqual([{ type: "schedule", token: "run-1:w:1", at: at(ms) }]);
    expect(nextWakeAt(run.live)?.toISOString()).toBe(at(ms));
  });

  it("continues when its own token fires, and ignores stale ones", () => {
    const run = new Run(journeyOf([apiTrigger, { id: "w", type: "wait", config: { mode: "duration", duration: { hours: 1 } } }, exitNode], [["t", "next", "w"], ["w", "next", "end"]]));
    run.feed({ type: "enrol" });
    const parked = run.state;
    for (const token of ["run-1:w:0", "run-1:w:2", "other-run:w:1", ""]) {
      expect(run.feed({ type: "wake", token }, at(H))).toEqual([]);
      expect(run.state).toEqual(parked);
    }
    const effects = run.feed({ type: "wake", token: "run-1:w:1" }, at(H));
    expect(took(effects)).toEqual(["w→next"]);
    expect(ofType(effects, "unschedule")).toEqual([]); // the timer that fired is already gone
    expect(run.live.status).toBe("completed");
    expect(run.feed({ type: "wake", token: "run-1:w:1" }, at(H))).toEqual([]); // a repeated wake
  });
});

describe("wait: until_time", () => {
  const waitAt = (config: Record<string, unknown>) =>
    journeyOf([apiTrigger, { id: "w", type: "wait", config: { mode: "until_time", ...config } }, exitNode], [["t", "next", "w"], ["w", "next", "end"]]);

  it.each([
    { why: "recipient zone, later today", config: { at: "18:00", timezone: "recipient" }, zone: "Europe/Paris", now: T0, until: "2025-06-02T16:00:00.000Z" },
    { why: "recipient zone, passed → tomorrow", config: { at: "09:00", timezone: "recipient" }, zone: "Europe/Paris", now: T0, until: "2025-06-03T07:00:00.000Z" },
    { why: "a fixed zone beats the recipient's", config: { at: "09:00", timezone: "America/New_York" }, zone: "Europe/Paris", now: T0, until: "2025-06-02T13:00:00.000Z" },
    { why: "weekdays only, from Saturday", config: { at: "10:00", days: ["mon", "tue", "wed", "thu", "fri"], timezone: "recipient" }, zone: "Europe/London", now: "2025-06-07T12:00:00.000Z", until: "2025-06-09T09:00:00.000Z" },
    { why: "across the spring-forward night", config: { at: "09:00", timezone: "recipient" }, zone: "Europe/London", now: "2025-03-29T10:00:00.000Z", until: "2025-03-30T08:00:00.000Z" },
    { why: "across the fall-back night", config: { at: "09:00", timezone: "recipient" }, zone: "America/New_York", now: "2025-11-01T14:00:00.000Z", until: "2025-11-02T14:00:00.000Z" },
    { why: "exactly at the minute → the next day", config: { at: "10:00", timezone: "UTC" }, zone: "Europe/Paris", now: "2025-06-02T10:00:00.000Z", until: "2025-06-03T10:00:00.000Z" },
  ])("$why", ({ config, zone, now, until }) => {
    const run = new Run(waitAt(config), { recipientTimezone: zone });
    run.feed({ type: "enrol" }, now);
    expect(run.live.wait).toMatchObject({ kind: "timer", until });
  });

  it("falls back to UTC for an unknown zone and says so", () => {
    const run = new Run(waitAt({ at: "10:00", timezone: "recipient" }), { recipientTimezone: "Nowhere/Land" });
    const effects = run.feed({ type: "enrol" });
    expect(ofType(effects, "step").find((s) => s.kind === "problem")?.detail).toMatch(/Nowhere\/Land/);
    expect(run.live.wait).toMatchObject({ until: "2025-06-02T10:00:00.000Z" });
  });
});

describe("wait: until_date", () => {
  const journey = journeyOf(
    [apiTrigger, { id: "w", type: "wait", config: { mode: "until_date", field: "event.appointment_at", offset: { hours: -24 } } }, exitNode],
    [["t", "next", "w"], ["w", "next", "end"]],
  );

  it.each([
    { why: "3 days ahead → 2 days ahead", value: at(3 * DAY), until: at(2 * DAY) },
    { why: "local time without offset, in the recipient's zone", value: "2025-06-05T10:00", until: "2025-06-04T08:00:00.000Z" },
  ])("waits: $why", ({ value, until }) => {
    const run = new Run(journey);
    run.feed({ type: "enrol", data: { appointment_at: value } });
    expect(run.live.wait).toMatchObject({ kind: "timer", until });
  });

  it.each([
    { why: "the time has passed", data: { appointment_at: at(12 * H) }, problem: false },
    { why: "exactly now", data: { appointment_at: at(24 * H) }, problem: false },
    { why: "the field is missing", data: {}, problem: true },
    { why: "the field is not a date", data: { appointment_at: "soon" }, problem: true },
  ])("continues at once when $why", ({ data, problem }) => {
    const run = new Run(journey);
    const effects = run.feed({ type: "enrol", data });
    expect(took(effects)).toEqual(["t→next", "w→next"]);
    expect(kinds(effects).includes("problem")).toBe(problem);
    expect(ofType(effects, "schedule")).toEqual([]);
    expect(run.live.status).toBe("completed");
  });
});

describe("wait: until_event", () => {
  const journey = journeyOf(
    [
      apiTrigger,
      {
        id: "w",
        type: "wait",
        config: { mode: "until_event", event: "paid", where: { field: "event.amount", op: "gte", value: 10 }, timeout: { hours: 2 } },
      },
      { id: "yes", type: "exit", config: {} },
      { id: "no", type: "exit", config: {} },
    ],
    [["t", "next", "w"], ["w", "event", "yes"], ["w", "timeout", "no"]],
  );
  const parked = () => {
    const run = new Run(journey);
    run.feed({ type: "enrol" });
    return run;
  };

  it("parks with a timeout timer", () => {
    const run = parked();
    expect(run.live.wait).toEqual({ kind: "event", nodeId: "w", token: "run-1:w:1", event: "paid", until: at(2 * H) });
    expect(run.live.status).toBe("waiting");
  });

  it.each([
    { why: "matching event in time", event: "paid", props: { amount: 12 }, when: at(H), output: "event", unschedule: true },
    { why: "matching event at the deadline", event: "paid", props: { amount: 12 }, when: at(2 * H), output: "event", unschedule: true },
    { why: "matching event after the deadline, before the wake", event: "paid", props: { amount: 12 }, when: at(2 * H + 1), output: "timeout", unschedule: true },
    { why: "where does not hold", event: "paid", props: { amount: 5 }, when: at(H), output: null, unschedule: false },
    { why: "another event", event: "refunded", props: { amount: 12 }, when: at(H), output: null, unschedule: false },
  ])("$why → $output", ({ event, props, when, output, unschedule }) => {
    const run = parked();
    const effects = run.feed({ type: "event", name: event, properties: props, at: when }, when);
    expect(took(effects)).toEqual(output ? [`w→${output}`] : []);
    expect(ofType(effects, "unschedule").length).toBe(unschedule ? 1 : 0);
    if (!output) expect(effects).toEqual([]);
  });

  it("takes timeout when the timer fires, and a later event changes nothing", () => {
    const run = parked();
    expect(took(run.feed({ type: "wake", token: run.token() }, at(2 * H)))).toEqual(["w→timeout"]);
    expect(run.live.nodeId).toBe("no");
    expect(run.feed({ type: "event", name: "paid", properties: { amount: 50 }, at: at(3 * H) }, at(3 * H))).toEqual([]);
  });
});

// ---- send ----------------------------------------------------------------------------------

describe("send", () => {
  const journey = (sendExtra: Record<string, unknown> = {}, edges: EdgeSpec[] = [["s", "next", "ok"], ["s", "fallback", "fb"]]) =>
    journeyOf(
      [apiTrigger, smsNode("s", sendExtra), { id: "ok", type: "exit", config: {} }, { id: "fb", type: "exit", config: {} }],
      [["t", "next", "s"], ...edges],
      { quietHours: "all" },
    );

  it("emits a rendered send with its idempotency key and waits for the dispatch", () => {
    const run = new Run(journey({ urgent: true, senderId: "ACME" }));
    const effects = run.feed({ type: "enrol" });
    expect(ofType(effects, "send")).toEqual([
      {
        type: "send",
        key: "run-1:s:1",
        nodeId: "s",
        channel: "sms",
        purpose: "transactional",
        urgent: true,
        senderId: "ACME",
        content: { body: "s for Ada" },
        quietHours: "all",
      },
    ]);
    expect(run.live).toMatchObject({ status: "active", wait: { kind: "dispatch", nodeId: "s", key: "run-1:s:1" } });
    expect(run.live.messages).toEqual({ "run-1:s:1": { nodeId: "s", channel: "sms", status: "pending" } });
    expect(nextWakeAt(run.live)).toBeNull();
  });

  it("uses the node's purpose over the journey's and defaults urgent to false", () => {
    const run = new Run(journey({ purpose: "marketing" }));
    expect(ofType(run.feed({ type: "enrol" }), "send")[0]).toMatchObject({ purpose: "marketing", urgent: false });
  });

  it.each([
    { result: "sent", output: "next", status: "sent", exitAt: "ok" },
    { result: "suppressed", output: "fallback", status: "suppressed", exitAt: "fb" },
    { result: "failed", output: "fallback", status: "failed", exitAt: "fb" },
  ] as const)("without await, dispatch $result → $output", ({ result, output, status, exitAt }) => {
    const run = new Run(journey());
    run.feed({ type: "enrol" });
    const effects = run.feed({ type: "dispatch", key: "run-1:s:1", result, reason: result === "sent" ? undefined : "no consent" });
    expect(kinds(effects)[0]).toBe(result);
    expect(took(effects)).toEqual([`s→${output}`]);
    expect(run.live.nodeId).toBe(exitAt);
    expect(run.live.messages["run-1:s:1"]?.status).toBe(status);
    expect(run.live.messages["run-1:s:1"]?.fallbackTaken).toBe(output === "fallback" ? true : undefined);
    if (result !== "sent") expect(run.live.messages["run-1:s:1"]?.reason).toBe("no consent");
  });

  it("continues on next when fallback has no edge", () => {
    const run = new Run(journey({}, [["s", "next", "ok"]]));
    run.feed({ type: "enrol" });
    const effects = run.feed({ type: "dispatch", key: "run-1:s:1", result: "suppressed", reason: "frequency cap" });
    expect(took(effects)).toEqual(["s→fallback"]);
    expect(ofType(effects, "step").find((s) => s.kind === "took")?.detail).toMatch(/continuing on next/);
    expect(run.live).toMatchObject({ nodeId: "ok", exitReason: "exit_node" });
  });

  it("ends with no_edge when next has no edge", () => {
    const run = new Run(journey({}, []));
    run.feed({ type: "enrol" });
    expect(run.feed({ type: "dispatch", key: "run-1:s:1", result: "sent" }).at(-1)).toEqual({ type: "exit", reason: "no_edge" });
    expect(run.live.status).toBe("completed");
  });

  it("notes a deferral and keeps waiting for the dispatch", () => {
    const run = new Run(journey());
    run.feed({ type: "enrol" });
    const effects = run.feed({ type: "dispatch", key: "run-1:s:1", result: "deferred", reason: "quiet hours", until: at(10 * H) });
    expect(effects).toEqual([{ type: "step", nodeId: "s", kind: "deferred", detail: `until ${at(10 * H)}: quiet hours` }]);
    expect(run.live).toMatchObject({ status: "active", wait: { kind: "dispatch" } });
    expect(run.live.messages["run-1:s:1"]).toMatchObject({ status: "deferred", reason: "quiet hours" });
    expect(took(run.feed({ type: "dispatch", key: "run-1:s:1", result: "sent" }, at(10 * H)))).toEqual(["s→next"]);
  });

  it("ignores a dispatch for another key", () => {
    const run = new Run(journey());
    run.feed({ type: "enrol" });
    expect(run.feed({ type: "dispatch", key: "run-1:s:2", result: "sent" })).toEqual([]);
    expect(run.live.wait).toMatchObject({ kind: "dispatch", key: "run-1:s:1" });
  });

  it("takes fallback when the content cannot be rendered", () => {
    const run = new Run(journeyOf([apiTrigger, { id: "s", type: "send", config: { channel: "sms", content: { body: "{{ x | no_such_filter }}" } } }, exitNode], [["t", "next", "s"], ["s", "fallback", "end"]]));
    const effects = run.feed({ type: "enrol" });
    expect(ofType(effects, "send")).toEqual([]);
    expect(kinds(effects)).toContain("problem");
    expect(took(effects)).toEqual(["t→next", "s→fallback"]);
  });
});

describe("send with await", () => {
  const journey = (outcome: string, within: Record<string, number> = { minutes: 5 }, channel = "whatsapp") =>
    journeyOf(
      [
        apiTrigger,
        { id: "s", type: "send", config: { channel, content: contentFor(channel), await: { outcome, within } } },
        { id: "ok", type: "exit", config: {} },
        smsNode("fb"),
      ],
      [["t", "next", "s"], ["s", "next", "ok"], ["s", "fallback", "fb"]],
    );
  const KEY = "run-1:s:1";
  function contentFor(channel: string) {
    if (channel === "email") return { subject: "Hi", text: "Hi" };
    if (channel === "voice") return { say: "Hi" };
    return { body: "Hi" };
  }
  const dispatched = (outcome = "delivered", channel = "whatsapp") => {
    const run = new Run(journey(outcome, { minutes: 5 }, channel));
    run.feed({ type: "enrol" });
    run.feed({ type: "dispatch", key: KEY, result: "sent" });
    return run;
  };

  it("waits for the outcome from the dispatch on", () => {
    const run = dispatched();
    expect(run.live.wait).toEqual({ kind: "outcome", nodeId: "s", token: `${KEY}:await`, key: KEY, outcome: "delivered", until: at(5 * MIN) });
    expect(run.live.status).toBe("waiting");
    expect(ofType(run.last, "schedule")).toEqual([{ type: "schedule", token: `${KEY}:await`, at: at(5 * MIN) }]);
  });

  it("starts the window when the deferred send finally goes", () => {
    const run = new Run(journey("delivered"));
    run.feed({ type: "enrol" });
    run.feed({ type: "dispatch", key: KEY, result: "deferred", reason: "quiet hours", until: at(8 * H) });
    run.feed({ type: "dispatch", key: KEY, result: "sent" }, at(8 * H));
    expect(run.live.wait).toMatchObject({ kind: "outcome", until: at(8 * H + 5 * MIN) });
  });

  it.each([
    // awaited, receipt, result
    ["delivered", "whatsapp", "delivered", "next"],
    ["delivered", "whatsapp", "read", "next"],
    ["delivered", "whatsapp", "clicked", "next"],
    ["delivered", "whatsapp", "replied", "next"],
    ["delivered", "whatsapp", "failed", "fallback"],
    ["delivered", "whatsapp", "undelivered", "fallback"],
    ["read", "whatsapp", "delivered", "waiting"],
    ["read", "whatsapp", "read", "next"],
    ["read", "whatsapp", "replied", "next"],
    ["read", "whatsapp", "undelivered", "fallback"],
    ["opened", "email", "delivered", "waiting"],
    ["opened", "email", "opened", "next"],
    ["opened", "email", "clicked", "next"],
    ["clicked", "email", "opened", "waiting"],
    ["replied", "sms", "delivered", "waiting"],
    ["replied", "sms", "replied", "next"],
    ["answered", "voice", "answered", "next"],
  ] as const)("awaiting %s on %s, receipt %s → %s", (awaited, channel, receipt, result) => {
    const run = dispatched(awaited, channel);
    const effects = run.feed({ type: "outcome", key: KEY, status: receipt, at: at(MIN) }, at(MIN));
    if (result === "waiting") {
      expect(took(effects)).toEqual([]);
      expect(effects).toEqual([{ type: "step", nodeId: "s", kind: "outcome", detail: `${receipt} at ${at(MIN)}` }]);
      expect(run.live.wait).toMatchObject({ kind: "outcome" });
    } else {
      expect(took(effects)).toEqual([`s→${result}`]);
      expect(ofType(effects, "unschedule")).toHaveLength(1);
      expect(ofType(effects, "send").length).toBe(result === "fallback" ? 1 : 0);
    }
    expect(run.live.messages[KEY]?.status).toBe(receipt);
  });

  it("takes fallback when the window runs out, then only records a late success", () => {
    const run = dispatched();
    const timeout = run.feed({ type: "wake", token: `${KEY}:await` }, at(5 * MIN));
    expect(took(timeout)).toEqual(["s→fallback"]);
    expect(ofType(timeout, "send").map((s) => s.nodeId)).toEqual(["fb"]);
    expect(run.live.messages[KEY]).toMatchObject({ status: "sent", fallbackTaken: true });
    const parked = structuredClone(run.live);

    const late = run.feed({ type: "outcome", key: KEY, status: "delivered", at: at(6 * MIN) }, at(6 * MIN));
    expect(late).toEqual([{ type: "step", nodeId: "s", kind: "late_outcome", detail: `delivered at ${at(6 * MIN)}` }]);
    expect(run.live).toEqual({ ...parked, messages: { ...parked.messages, [KEY]: { ...parked.messages[KEY], status: "delivered" } } });
    expect(run.feed({ type: "outcome", key: KEY, status: "delivered", at: at(7 * MIN) }, at(7 * MIN))).toEqual([]);
  });

  it("counts a success stamped after the window as the timeout, even before the wake", () => {
    const run = dispatched();
    const effects = run.feed({ type: "outcome", key: KEY, status: "delivered", at: at(5 * MIN + S) }, at(5 * MIN + S));
    expect(took(effects)).toEqual(["s→fallback"]);
    expect(kinds(effects)).toContain("late_outcome");
    expect(ofType(effects, "unschedule")).toHaveLength(1);
    expect(run.feed({ type: "wake", token: `${KEY}:await` }, at(5 * MIN + 2 * S))).toEqual([]);
  });

  it.each([
    ["suppressed", "no opt-in"],
    ["failed", "provider refused"],
  ] as const)("takes fallback when the dispatch is %s", (result, reason) => {
    const run = new Run(journey("delivered"));
    run.feed({ type: "enrol" });
    const effects = run.feed({ type: "dispatch", key: KEY, result, reason });
    expect(took(effects)).toEqual(["s→fallback"]);
    expect(ofType(effects, "schedule")).toEqual([]);
  });

  it.each([
    ["delivered", "next"],
    ["undelivered", "fallback"],
  ] as const)("lets a %s receipt that overtook the dispatch decide at once", (receipt, output) => {
    const run = new Run(journey("delivered"));
    run.feed({ type: "enrol" });
    const early = run.feed({ type: "outcome", key: KEY, status: receipt, at: T0 });
    expect(kinds(early)).toEqual(["outcome"]);
    expect(run.live.wait).toMatchObject({ kind: "dispatch" });
    const effects = run.feed({ type: "dispatch", key: KEY, result: "sent" });
    expect(took(effects)).toEqual([`s→${output}`]);
    expect(ofType(effects, "schedule")).toEqual([]);
  });

  it("ignores duplicates, unknown keys and statuses that would go backwards", () => {
    const run = dispatched("replied", "whatsapp");
    expect(kinds(run.feed({ type: "outcome", key: KEY, status: "read", at: at(MIN) }, at(MIN)))).toEqual(["outcome"]);
    expect(run.feed({ type: "outcome", key: KEY, status: "read", at: at(MIN) }, at(MIN))).toEqual([]);
    expect(run.feed({ type: "outcome", key: KEY, status: "delivered", at: at(MIN) }, at(MIN))).toEqual([]);
    expect(run.feed({ type: "outcome", key: "run-1:nope:1", status: "read", at: at(MIN) }, at(MIN))).toEqual([]);
    expect(run.live.messages[KEY]?.status).toBe("read");
    expect(run.live.wait).toMatchObject({ kind: "outcome" });
  });
});

// ---- branch, split, update_profile, webhook, exit ------------------------------------------

describe("branch", () => {
  const journey = journeyOf(
    [
      apiTrigger,
      {
        id: "b",
        type: "branch",
        config: {
          cases: [
            { name: "vip", where: { field: "profile.tier", op: "eq", value: "gold" } },
            { name: "big", where: { field: "event.total", op: "gt", value: 100 } },
            { name: "wa_ok", where: { consent: { channel: "whatsapp", purpose: "marketing" } } },
          ],
        },
      },
    ],
    [["t", "next", "b"]],
  );

  it.each([
    { why: "first case holds", tier: "gold", total: 500, consent: false, output: "vip" },
    { why: "first holding case wins, not the first listed", tier: "silver", total: 500, consent: true, output: "big" },
    { why: "consent case", tier: "silver", total: 5, consent: true, output: "wa_ok" },
    { why: "none holds", tier: "silver", total: 5, consent: false, output: "else" },
  ])("$why → $output", ({ tier, total, consent, output }) => {
    const run = new Run(journey, {
      profile: { ...baseProfile, tier },
      consents: consent ? [{ channel: "whatsapp", purpose: "marketing", status: "opted_in" }] : [],
    });
    expect(took(run.feed({ type: "enrol", data: { total } }))).toEqual(["t→next", `b→${output}`]);
    expect(run.live.exitReason).toBe("no_edge");
  });
});

describe("split", () => {
  const journey = journeyOf(
    [apiTrigger, { id: "ab", type: "split", config: { variants: [{ name: "a", percent: 50 }, { name: "b", percent: 50 }] } }, { id: "ea", type: "exit", config: {} }, { id: "eb", type: "exit", config: {} }],
    [["t", "next", "ab"], ["ab", "a", "ea"], ["ab", "b", "eb"]],
  );
  const split = journey.nodes.find((n) => n.type === "split");

  it.each(["p-1", "p-2", "p-3", "p-4", "p-5", "p-6"])("sends %s to its stable variant", (id) => {
    if (split?.type !== "split") throw new Error("no split");
    const expected = splitVariant(id, journey.key, split);
    for (let i = 0; i < 3; i++) {
      const run = new Run(journey, { profile: { id }, runId: `run-${i}` });
      expect(took(run.feed({ type: "enrol" }))).toEqual(["t→next", `ab→${expected}`]);
      expect(run.live.nodeId).toBe(expected === "a" ? "ea" : "eb");
    }
  });
});

describe("update_profile", () => {
  const journey = journeyOf(
    [
      apiTrigger,
      { id: "u", type: "update_profile", config: { set: { tier: "platinum", last_order: "{{ event.order_id }}", score: 3, id: "hijack", optin: null } } },
      { id: "b", type: "branch", config: { cases: [{ name: "plat", where: { field: "profile.tier", op: "eq", value: "platinum" } }] } },
      { id: "s", type: "send", config: { channel: "sms", content: { body: "{{ profile.id }} {{ profile.last_order }}" } } },
    ],
    [["t", "next", "u"], ["u", "next", "b"], ["b", "plat", "s"]],
  );

  it("emits rendered values and the rest of the step sees them", () => {
    const run = new Run(journey);
    const effects = run.feed({ type: "enrol", data: { order_id: "A7" } });
    expect(ofType(effects, "update_profile")).toEqual([
      { type: "update_profile", nodeId: "u", set: { tier: "platinum", last_order: "A7", score: 3, id: "hijack", optin: null } },
    ]);
    expect(took(effects)).toEqual(["t→next", "u→next", "b→plat"]);
    expect(ofType(effects, "send")[0]?.content).toEqual({ body: "p-1 A7" });
  });
});

describe("webhook", () => {
  const journey = (edges: EdgeSpec[]) =>
    journeyOf(
      [
        apiTrigger,
        {
          id: "h",
          type: "webhook",
          config: { url: "https://crm.example/hook/{{ profile.id }}", method: "POST", headers: { "X-Tier": "{{ profile.tier }}" }, body: '{"order":"{{ event.order_id }}"}' },
        },
        { id: "ok", type: "exit", config: {} },
        { id: "fb", type: "exit", config: {} },
      ],
      [["t", "next", "h"], ...edges],
    );

  it("emits the rendered request and waits for the dispatch", () => {
    const run = new Run(journey([["h", "next", "ok"]]));
    const effects = run.feed({ type: "enrol", data: { order_id: "A7" } });
    expect(ofType(effects, "webhook")).toEqual([
      { type: "webhook", key: "run-1:h:1", nodeId: "h", url: "https://crm.example/hook/p-1", method: "POST", headers: { "X-Tier": "gold" }, body: '{"order":"A7"}' },
    ]);
    expect(run.live).toMatchObject({ status: "active", wait: { kind: "dispatch", key: "run-1:h:1" }, messages: {} });
  });

  const both: EdgeSpec[] = [["h", "next", "ok"], ["h", "fallback", "fb"]];
  it.each([
    { result: "sent", edges: both, output: "next", reason: "exit_node" },
    { result: "failed", edges: both, output: "fallback", reason: "exit_node" },
    // unlike a send's, a webhook's fallback with no edge ends the run
    { result: "failed", edges: [["h", "next", "ok"]] satisfies EdgeSpec[], output: "fallback", reason: "no_edge" },
  ] as const)("$result → $output ($reason)", ({ result, edges, output, reason }) => {
    const run = new Run(journey(edges));
    run.feed({ type: "enrol" });
    expect(took(run.feed({ type: "dispatch", key: "run-1:h:1", result }))).toEqual([`h→${output}`]);
    expect(run.live.exitReason).toBe(reason);
  });
});

// ---- exitOn, goal, cancel ------------------------------------------------------------------

describe("exitOn", () => {
  const journey = journeyOf(
    [apiTrigger, { id: "w", type: "wait", config: { mode: "until_event", event: "cancelled", timeout: { days: 1 } } }, { id: "yes", type: "exit", config: {} }, smsNode("s")],
    [["t", "next", "w"], ["w", "event", "yes"], ["w", "timeout", "s"]],
    { exitOn: [{ event: "cancelled" }, { event: "unsubscribed", where: { field: "event.list", op: "eq", value: "all" } }] },
  );

  it("wins over a matching until_event: unschedule, then exit", () => {
    const run = new Run(journey);
    run.feed({ type: "enrol" });
    const effects = run.feed({ type: "event", name: "cancelled", properties: {}, at: at(H) }, at(H));
    expect(effects).toEqual([{ type: "unschedule" }, { type: "exit", reason: "exit_on:cancelled" }]);
    expect(run.live).toMatchObject({ status: "exited", exitReason: "exit_on:cancelled", nodeId: "w", wait: null });
    expect(nextWakeAt(run.live)).toBeNull();
  });

  it.each([
    [{ list: "all" }, true],
    [{ list: "news" }, false],
  ])("honours the entry's where (%j → exits: %s)", (properties, exits) => {
    const run = new Run(journey);
    run.feed({ type: "enrol" });
    const effects = run.feed({ type: "event", name: "unsubscribed", properties, at: at(H) }, at(H));
    expect(effects.some((e) => e.type === "exit")).toBe(exits);
  });

  it("ends a run parked on a dispatch; the late dispatch result is only recorded", () => {
    const run = new Run(journey);
    run.feed({ type: "enrol" });
    run.feed({ type: "wake", token: run.token() }, at(DAY));
    expect(run.live.wait).toMatchObject({ kind: "dispatch" });
    expect(run.feed({ type: "event", name: "cancelled", properties: {}, at: at(DAY + S) }, at(DAY + S))).toEqual([
      { type: "exit", reason: "exit_on:cancelled" },
    ]);
    expect(run.feed({ type: "dispatch", key: "run-1:s:1", result: "sent" }, at(DAY + 2 * S))).toEqual([]);
    expect(run.live.messages["run-1:s:1"]?.status).toBe("sent");
    expect(run.live.status).toBe("exited");
  });

  it("does nothing to an ended run", () => {
    const run = new Run(journey);
    run.feed({ type: "enrol" });
    run.feed({ type: "event", name: "cancelled", properties: {}, at: at(H) }, at(H));
    expect(run.feed({ type: "event", name: "cancelled", properties: {}, at: at(2 * H) }, at(2 * H))).toEqual([]);
  });
});

describe("goal", () => {
  const journey = journeyOf(
    [apiTrigger, { id: "w", type: "wait", config: { mode: "duration", duration: { days: 30 } } }, exitNode],
    [["t", "next", "w"], ["w", "next", "end"]],
    { goal: { event: "order_placed", withinHours: 48, where: { field: "event.total", op: "gt", value: 0 } }, exitOn: [{ event: "order_refunded" }] },
  );

  it.each([
    { why: "in time", when: at(47 * H), props: { total: 10 }, converts: true },
    { why: "at the edge", when: at(48 * H), props: { total: 10 }, converts: true },
    { why: "too late", when: at(48 * H + S), props: { total: 10 }, converts: false },
    { why: "before entry", when: at(-S), props: { total: 10 }, converts: false },
    { why: "where fails", when: at(H), props: { total: 0 }, converts: false },
  ])("$why → converts: $converts", ({ when, props, converts }) => {
    const run = new Run(journey);
    run.feed({ type: "enrol" });
    const effects = run.feed({ type: "event", name: "order_placed", properties: props, at: when }, when);
    expect(ofType(effects, "convert")).toEqual(converts ? [{ type: "convert", at: when, msToConvert: Date.parse(when) - Date.parse(T0) }] : []);
    expect(run.live.convertedAt).toBe(converts ? when : undefined);
    expect(run.live.status).toBe("waiting"); // converting does not end the run
  });

  it("converts once", () => {
    const run = new Run(journey);
    run.feed({ type: "enrol" });
    run.feed({ type: "event", name: "order_placed", properties: { total: 1 }, at: at(H) }, at(H));
    expect(run.feed({ type: "event", name: "order_placed", properties: { total: 1 }, at: at(2 * H) }, at(2 * H))).toEqual([]);
  });

  it("still converts after the run has ended", () => {
    const run = new Run(journey);
    run.feed({ type: "enrol" });
    run.feed({ type: "event", name: "order_refunded", properties: {}, at: at(H) }, at(H));
    const effects = run.feed({ type: "event", name: "order_placed", properties: { total: 5 }, at: at(2 * H) }, at(2 * H));
    expect(ofType(effects, "convert")).toHaveLength(1);
    expect(run.live.status).toBe("exited");
  });
});

describe("cancel", () => {
  it("ends a live run (superseded) and leaves an ended one alone", () => {
    const run = new Run(journeyOf([apiTrigger, { id: "w", type: "wait", config: { mode: "duration", duration: { hours: 1 } } }], [["t", "next", "w"]]));
    run.feed({ type: "enrol" });
    expect(run.feed({ type: "cancel", reason: "superseded" })).toEqual([{ type: "unschedule" }, { type: "exit", reason: "superseded" }]);
    expect(run.live).toMatchObject({ status: "exited", exitReason: "superseded" });
    expect(run.feed({ type: "cancel", reason: "cancelled" })).toEqual([]);
  });
});

// ---- loops and determinism -----------------------------------------------------------------

describe("loops", () => {
  it(`stops a loop with no wait after ${MAX_TRANSITIONS_PER_STEP} transitions`, () => {
    const journey = journeyOf(
      [apiTrigger, { id: "a", type: "update_profile", config: { set: { n: 1 } } }, { id: "b", type: "update_profile", config: { set: { n: 2 } } }],
      [["t", "next", "a"], ["a", "next", "b"], ["b", "next", "a"]],
    );
    const run = new Run(journey);
    const effects = run.feed({ type: "enrol" });
    expect(kinds(effects).filter((k) => k === "entered")).toHaveLength(MAX_TRANSITIONS_PER_STEP);
    expect(ofType(effects, "step").find((s) => s.kind === "loop_limit")?.detail).toMatch(/200 node transitions/);
    expect(effects.at(-1)).toEqual({ type: "exit", reason: "loop_limit" });
    expect(run.live.status).toBe("exited");
  });

  it("gives every pass through a wait fresh keys and tokens", () => {
    const journey = journeyOf(
      [apiTrigger, smsNode("s"), { id: "w", type: "wait", config: { mode: "duration", duration: { days: 1 } } }],
      [["t", "next", "s"], ["s", "next", "w"], ["w", "next", "s"]],
    );
    const run = new Run(journey);
    run.feed({ type: "enrol" });
    for (let pass = 1; pass <= 3; pass++) {
      const now = at((pass - 1) * DAY);
      expect(run.keyOf("s")).toBe(`run-1:s:${pass}`);
      run.feed({ type: "dispatch", key: `run-1:s:${pass}`, result: "sent" }, now);
      expect(run.token()).toBe(`run-1:w:${pass}`);
      run.feed({ type: "wake", token: `run-1:w:${pass}` }, at(pass * DAY));
    }
    expect(Object.keys(run.live.messages)).toEqual(["run-1:s:1", "run-1:s:2", "run-1:s:3", "run-1:s:4"]);
    expect(run.live.visits).toEqual({ t: 1, s: 4, w: 3 });
  });
});

describe("determinism", () => {
  it("gives the same answer for the same state, input and context", () => {
    const journey = journeyOf([apiTrigger, smsNode("s", { await: { outcome: "delivered", within: { minutes: 5 } } }), exitNode], [["t", "next", "s"], ["s", "next", "end"]]);
    const first = step(journey, null, { type: "enrol", data: { a: 1 } }, contextAt(T0));
    const again = step(journey, null, { type: "enrol", data: { a: 1 } }, contextAt(T0));
    expect(again).toEqual(first);
    const sent = { type: "dispatch", key: "run-1:s:1", result: "sent" } as const;
    expect(step(journey, first.state, sent, contextAt(T0))).toEqual(step(journey, first.state, sent, contextAt(T0)));
  });
});

// ---- helpers for the engine ----------------------------------------------------------------

describe("mayEnter", () => {
  it.each([
    ["never", false, false, true],
    ["never", false, true, false],
    ["never", true, true, false],
    ["after_exit", false, false, true],
    ["after_exit", false, true, true],
    ["after_exit", true, true, false],
    ["always", false, false, true],
    ["always", false, true, true],
    ["always", true, true, true],
  ] as const)("%s, active %s, any %s → %s", (reentry, hasActiveRun, hasAnyRun, expected) => {
    expect(mayEnter(reentry, { hasActiveRun, hasAnyRun })).toBe(expected);
  });
});

describe("triggerMatches and exitOnMatches", () => {
  const ctx: MatchContext = { profile: { id: "p", country: "GB" }, journey: { key: "j", name: "J" }, engagement: [], consents: [], now: new Date(T0) };
  const eventTrigger = (where?: unknown) =>
    journeyOf([{ id: "t", type: "trigger", config: { kind: "event", event: "lapsed", ...(where ? { where } : {}) } }], [], {
      exitOn: [{ event: "bought", where: { field: "event.total", op: "gt", value: 0 } }],
    });

  it.each([
    { why: "name matches", journey: eventTrigger(), event: "lapsed", props: {}, expected: true },
    { why: "other name", journey: eventTrigger(), event: "signup", props: {}, expected: false },
    { why: "where on the profile holds", journey: eventTrigger({ field: "profile.country", op: "in", value: ["GB", "FR"] }), event: "lapsed", props: {}, expected: true },
    { why: "where on the event fails", journey: eventTrigger({ field: "event.days", op: "gt", value: 30 }), event: "lapsed", props: { days: 10 }, expected: false },
    { why: "api trigger", journey: journeyOf([apiTrigger], []), event: "lapsed", props: {}, expected: false },
  ])("trigger: $why → $expected", ({ journey, event, props, expected }) => {
    expect(triggerMatches(journey, { name: event, properties: props }, ctx)).toBe(expected);
  });

  it.each([
    [{ total: 5 }, true],
    [{ total: 0 }, false],
  ])("exitOn with %j → %s", (properties, expected) => {
    expect(exitOnMatches(eventTrigger(), { name: "bought", properties }, ctx)).toBe(expected);
    expect(exitOnMatches(eventTrigger(), { name: "other", properties }, ctx)).toBe(false);
  });
});

// ---- the example journeys, end to end ------------------------------------------------------

describe("example journeys", () => {
  const load = (file: string) => parseJourney(JSON.parse(readFileSync(new URL(`./__fixtures__/examples/${file}`, import.meta.url), "utf8")));

  /** Plays the engine: dispatches every send as sent, then delivers scripted receipts. */
  function sendAll(run: Run, now: string) {
    let pending = run.live.wait?.kind === "dispatch" ? run.live.wait.key : undefined;
    while (pending) {
      run.feed({ type: "dispatch", key: pending, result: "sent" }, now);
      pending = run.live.wait?.kind === "dispatch" ? run.live.wait.key : undefined;
    }
  }
  const sentNodes = (run: Run) => ofType(run.all, "send").map((s) => s.nodeId);

  describe("order confirmation", () => {
    const journey = load("order-confirmation-whatsapp-sms-fallback.json");
    const start = () => {
      const run = new Run(journey, { journey: { key: journey.key, name: journey.name, version: 3 } });
      run.feed({ type: "enrol", event: { name: "order_placed", properties: { order_id: "A-1001" } } });
      expect(ofType(run.last, "send")[0]?.content).toEqual({ body: "Hi Ada, order A-1001 is confirmed." });
      sendAll(run, T0);
      return run;
    };

    it.each([
      { receipt: "delivered", sends: ["wa"] },
      { receipt: "read", sends: ["wa"] },
      { receipt: "undelivered", sends: ["wa", "sms"] },
      { receipt: "failed", sends: ["wa", "sms"] },
    ] as const)("WhatsApp $receipt → sends $sends", ({ receipt, sends }) => {
      const run = start();
      run.feed({ type: "outcome", key: run.keyOf("wa"), status: receipt, at: at(2 * S) }, at(2 * S));
      sendAll(run, at(2 * S));
      expect(sentNodes(run)).toEqual(sends);
      expect(run.live).toMatchObject({ status: "completed", exitReason: "exit_node", nodeId: "done" });
    });

    it("no receipt in 5 minutes → SMS; the late delivery is recorded and nothing is sent again", () => {
      const run = start();
      run.feed({ type: "wake", token: run.token() }, at(5 * MIN));
      sendAll(run, at(5 * MIN));
      expect(sentNodes(run)).toEqual(["wa", "sms"]);
      const late = run.feed({ type: "outcome", key: run.keyOf("wa"), status: "delivered", at: at(9 * MIN) }, at(9 * MIN));
      expect(kinds(late)).toEqual(["late_outcome"]);
      expect(sentNodes(run)).toEqual(["wa", "sms"]);
    });
  });

  describe("appointment reminder", () => {
    const journey = load("appointment-reminder.json");
    const appointment = at(3 * DAY);
    const start = () => {
      const run = new Run(journey);
      run.feed({ type: "enrol", event: { name: "appointment_booked", properties: { appointment_at: appointment, clinic: "Elm St", time_local: "10:00" } } });
      return run;
    };

    it("reminds by push the day before, SMS when unread in 30 min, ends on the reply", () => {
      const run = start();
      expect(run.live.wait).toMatchObject({ kind: "timer", until: at(2 * DAY) });
      run.feed({ type: "wake", token: run.token() }, at(2 * DAY));
      expect(ofType(run.last, "send")[0]).toMatchObject({ nodeId: "push", quietHours: "all", content: { title: "Appointment tomorrow", body: "Elm St at 10:00" } });
      sendAll(run, at(2 * DAY));
      run.feed({ type: "outcome", key: run.keyOf("push"), status: "delivered", at: at(2 * DAY + S) }, at(2 * DAY + S));
      run.feed({ type: "wake", token: run.token() }, at(2 * DAY + 30 * MIN));
      sendAll(run, at(2 * DAY + 30 * MIN));
      expect(run.live.wait).toMatchObject({ kind: "outcome", outcome: "replied", until: at(2 * DAY + 4.5 * H) });
      run.feed({ type: "outcome", key: run.keyOf("sms"), status: "replied", at: at(2 * DAY + H) }, at(2 * DAY + H));
      expect(took(run.all)).toEqual(["booked→next", "day_before→next", "push→fallback", "sms→next"]);
      expect(run.live.status).toBe("completed");
    });

    it("exits when the appointment is cancelled while waiting", () => {
      const run = start();
      const effects = run.feed({ type: "event", name: "appointment_cancelled", properties: {}, at: at(DAY) }, at(DAY));
      expect(effects).toEqual([{ type: "unschedule" }, { type: "exit", reason: "exit_on:appointment_cancelled" }]);
      expect(sentNodes(run)).toEqual([]);
    });
  });

  describe("invoice reminder", () => {
    const journey = load("email-unopened-sms-reminder.json");
    const start = () => {
      const run = new Run(journey);
      run.feed({ type: "enrol", event: { name: "invoice_issued", properties: { invoice_id: "INV-9", amount: "€40", pay_url: "https://pay.example/9" } } });
      sendAll(run, T0);
      return run;
    };

    it("sends the SMS 24 h after an unopened email", () => {
      const run = start();
      run.feed({ type: "outcome", key: run.keyOf("email"), status: "delivered", at: at(S) }, at(S));
      expect(run.live.wait).toMatchObject({ kind: "outcome", until: at(DAY) });
      run.feed({ type: "wake", token: run.token() }, at(DAY));
      expect(ofType(run.last, "send")[0]).toMatchObject({ nodeId: "sms", content: { body: "ACME: invoice INV-9 is due. Pay: https://pay.example/9" } });
    });

    it("paying converts and ends the run in one event", () => {
      const run = start();
      const effects = run.feed({ type: "event", name: "invoice_paid", properties: {}, at: at(3 * H) }, at(3 * H));
      expect(effects.map((e) => e.type)).toEqual(["convert", "step", "unschedule", "exit"]);
      expect(run.live).toMatchObject({ status: "exited", exitReason: "exit_on:invoice_paid", convertedAt: at(3 * H) });
    });
  });

  describe("sign-up OTP", () => {
    const journey = load("otp-then-whatsapp.json");
    it.each([
      { consent: true, welcome: "welcome" },
      { consent: false, welcome: "welcome_email" },
    ])("verified, WhatsApp marketing consent $consent → $welcome", ({ consent, welcome }) => {
      const run = new Run(journey, { consents: consent ? [{ channel: "whatsapp", purpose: "marketing", status: "opted_in" }] : [] });
      run.feed({ type: "enrol", event: { name: "signup_started", properties: { code: "123456" } } });
      expect(ofType(run.last, "send")[0]).toMatchObject({ nodeId: "otp", urgent: true, content: { body: "Your ACME code is 123456. It expires in 10 minutes." } });
      sendAll(run, T0);
      run.feed({ type: "event", name: "phone_verified", properties: {}, at: at(MIN) }, at(MIN));
      sendAll(run, at(MIN));
      expect(sentNodes(run)).toEqual(["otp", welcome]);
      expect(run.live.exitReason).toBe("exit_node");
    });

    it("not verified in 10 minutes → ends without a welcome", () => {
      const run = new Run(journey);
      run.feed({ type: "enrol", event: { name: "signup_started", properties: { code: "1" } } });
      sendAll(run, T0);
      run.feed({ type: "wake", token: run.token() }, at(10 * MIN));
      expect(sentNodes(run)).toEqual(["otp"]);
      expect(took(run.all).at(-1)).toBe("verified→timeout");
    });
  });

  describe("win-back", () => {
    const journey = load("winback-marketing.json");
    it("non-openers in the sms half get the offer at 10:00 local on the next weekday", () => {
      const split = journey.nodes.find((n) => n.type === "split");
      if (split?.type !== "split") throw new Error("no split");
      const id = Array.from({ length: 50 }, (_, i) => `c-${i}`).find((c) => splitVariant(c, journey.key, split) === "sms");
      if (!id) throw new Error("no profile in the sms half");
      // Thursday 08:00 UTC; the email window (3 days) ends on Sunday, the offer goes Monday 10:00 London
      const thursday = "2025-06-05T08:00:00.000Z";
      const run = new Run(journey, { profile: { id, country: "GB", first_name: "Bo" }, recipientTimezone: "Europe/London" });
      run.feed({ type: "enrol", event: { name: "customer_lapsed", properties: { coupon: "BACK15" } } }, thursday);
      sendAll(run, thursday);
      run.feed({ type: "wake", token: run.token() }, at(3 * DAY, thursday));
      expect(took(run.all)).toEqual(["lapsed→next", "email→fallback", "ab→sms"]);
      expect(run.live.wait).toMatchObject({ kind: "timer", nodeId: "morning", until: "2025-06-09T09:00:00.000Z" });
      run.feed({ type: "wake", token: run.token() }, "2025-06-09T09:00:00.000Z");
      expect(ofType(run.last, "send")[0]).toMatchObject({ nodeId: "sms", purpose: "marketing", content: { body: "ACME: 15% off with code BACK15 this week. Reply STOP to opt out." } });
    });
  });
});
