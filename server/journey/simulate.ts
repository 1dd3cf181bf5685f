/**
 * Run one profile through a journey on a virtual clock, playing the engine's part around the
 * pure interpreter: it decides sends (`decideSend`, default allow), answers dispatches, fires
 * timers, plays scripted events and the sandbox provider's receipts. Nothing is sent or stored.
 * Used by `POST /journeys/{key}/simulate` and the canvas's test panel.
 *
 * The sandbox reports `delivered` 1 s after a send is dispatched, then `read` (whatsapp, push,
 * in_app) or `opened` (email) at +2 s. Scripted `outcomes` for a node replace those receipts on
 * every visit of that node: each is reported `afterSeconds` after the dispatch; `no_receipt`
 * reports nothing. For a webhook node, a scripted `failed`/`undelivered` makes the call fail.
 *
 * Entry: with an event trigger, the run enters on the first scripted event that matches it; when
 * the script has no event of the trigger's name, one is made at the start with `data` as its
 * properties. Events before the entry are ignored. API and schedule triggers enter at the start
 * with `data` (a schedule trigger's `where` must hold for the profile).
 *
 * The simulation stops when nothing is left to happen, after `MAX_INPUTS` inputs, or
 * `MAX_VIRTUAL_DAYS` after the start.
 */
import { z } from "zod";
import { evaluateCondition } from "./condition";
import type { EngagementFact, ProfileView } from "./context";
import { step, triggerMatches, type StepContext } from "./interpreter";
import { isValidZone } from "./local-time";
import {
  isEnded,
  RECEIPT_STATUSES,
  type Effect,
  type EffectOf,
  type MessageStatus,
  type ReceiptStatus,
  type RunInput,
  type RunState,
  type RunStatus,
  type SendEffect,
} from "./run-state";
import { ChannelSchema, ENGAGEMENT_STATUSES, PurposeSchema, type Channel, type Journey } from "./schema";

export const MAX_INPUTS = 1_000;
export const MAX_VIRTUAL_DAYS = 400;

const PropertiesSchema = z.record(z.string(), z.unknown());

/** The sample profile, as conditions and templates see it (`profile.*`). */
export const ProfileViewSchema = z.looseObject({
  id: z.string().min(1),
  phone: z.string().nullish(),
  email: z.string().nullish(),
  whatsapp: z.string().nullish(),
  timezone: z.string().nullish(),
  locale: z.string().nullish(),
  country: z.string().nullish(),
});

export const SIMULATED_OUTCOMES = [...RECEIPT_STATUSES, "no_receipt"] as const;

export const SimulateInputSchema = z.object({
  profile: ProfileViewSchema,
  events: z
    .array(z.object({ afterSeconds: z.number().nonnegative(), name: z.string().min(1), properties: PropertiesSchema.default({}) }))
    .max(MAX_INPUTS)
    .default([]),
  outcomes: z
    .array(z.object({ nodeId: z.string().min(1), outcome: z.enum(SIMULATED_OUTCOMES), afterSeconds: z.number().nonnegative().default(1) }))
    .max(MAX_INPUTS)
    .default([]),
  consents: z
    .array(z.object({ channel: ChannelSchema, purpose: PurposeSchema, status: z.enum(["opted_in", "opted_out"]) }))
    .default([]),
  /** `event.*` for api and schedule triggers, or for the made-up entry event. */
  data: PropertiesSchema.optional(),
  startAt: z.iso.datetime({ offset: true }).optional(),
});
export type SimulateInput = z.input<typeof SimulateInputSchema>;

export type SendDecision =
  | { action: "allow" }
  | { action: "defer"; until: Date; reason: string }
  | { action: "suppress"; reason: string };
/** The engine's policies (consent, quiet hours, caps) as the caller wants them simulated. */
export type DecideSend = (send: SendEffect, now: Date) => SendDecision;

export type SimulateOptions = Omit<SimulateInput, "startAt"> & {
  /** Defaults to the current time. */
  startAt?: Date | string;
  decideSend?: DecideSend;
  /** Defaults to the profile's timezone when valid, else UTC. */
  recipientTimezone?: string;
};

export type TimelineEntry = { at: string; nodeId?: string; kind: string; detail: string };

export type SimulatedSend = {
  /** When the run asked for the send. */
  at: string;
  /** When it was dispatched (later than `at` when deferred). */
  sentAt?: string;
  nodeId: string;
  channel: Channel;
  purpose: SendEffect["purpose"];
  content: SendEffect["content"];
  status: MessageStatus;
  reason?: string;
};

export type SimulateResult = {
  path: string[];
  taken: { nodeId: string; output: string }[];
  timeline: TimelineEntry[];
  sends: SimulatedSend[];
  status: RunStatus | "not_entered";
  endedAt: string;
};

type QueueItem = { at: number; seq: number; cancelled?: boolean } & (
  | { kind: "input"; input: RunInput }
  | { kind: "decide"; send: SendEffect }
);

const DAY_MS = 86_400_000;

export function simulate(journey: Journey, options: SimulateOptions): SimulateResult {
  const { startAt, decideSend = () => ({ action: "allow" }), recipientTimezone, ...rest } = options;
  const input = SimulateInputSchema.parse(rest);
  const start = startAt === undefined ? Date.now() : new Date(startAt).getTime();
  if (Number.isNaN(start)) throw new Error(`startAt is not a date: ${String(startAt)}`);
  const deadline = start + MAX_VIRTUAL_DAYS * DAY_MS;
  const zone = recipientTimezone ?? (input.profile.timezone && isValidZone(input.profile.timezone) ? input.profile.timezone : "UTC");

  let profile: ProfileView = { ...input.profile };
  let state: RunState | null = null;
  let now = start;
  let endedAt: number | undefined;
  const engagement: EngagementFact[] = [];
  const result: SimulateResult = { path: [], taken: [], timeline: [], sends: [], status: "not_entered", endedAt: "" };
  const sendsByKey = new Map<string, SimulatedSend>();

  const queue: QueueItem[] = [];
  let seq = 0;
  let wake: QueueItem | undefined;
  const push = (at: number, item: { kind: "input"; input: RunInput } | { kind: "decide"; send: SendEffect }): QueueItem => {
    const queued = { ...item, at, seq: seq++ } as QueueItem;
    // Insert after every item due at or before `at`: same-time items keep their order.
    const index = queue.findIndex((q) => q.at > at);
    queue.splice(index === -1 ? queue.length : index, 0, queued);
    return queued;
  };
  const log = (kind: string, detail: string, nodeId?: string) =>
    result.timeline.push({ at: iso(now), ...(nodeId ? { nodeId } : {}), kind, detail });

  const contextAt = (at: number): StepContext => ({
    runId: "sim",
    now: new Date(at),
    profile,
    consents: input.consents,
    engagement,
    journey: { key: journey.key, name: journey.name, version: 0 },
    recipientTimezone: zone,
  });

  // ---- entry -------------------------------------------------------------------------------
  const trigger = journey.nodes.find((n) => n.type === "trigger");
  const events = input.events.map((e, i) => ({ ...e, i })).sort((a, b) => a.afterSeconds - b.afterSeconds || a.i - b.i);
  let entryAt = start;
  let enrol: RunInput | undefined;
  let entry: (typeof events)[number] | undefined;
  if (trigger?.config.kind === "event") {
    const triggerEvent = trigger.config.event;
    if (!events.some((e) => e.name === triggerEvent)) {
      events.unshift({ afterSeconds: 0, name: triggerEvent, properties: input.data ?? {}, i: -1 });
      log("note", `No ${triggerEvent} in the script: one is made at the start`);
    }
    entry = events.find(
      (e) => e.name === triggerEvent && triggerMatches(journey, e, contextAt(start + e.afterSeconds * 1000)),
    );
    if (entry) {
      entryAt = start + entry.afterSeconds * 1000;
      enrol = { type: "enrol", event: { name: entry.name, properties: entry.properties } };
    } else {
      log("not_entered", `No ${triggerEvent} event matches the trigger`, trigger.id);
    }
  } else if (
    trigger?.config.kind === "schedule" &&
    trigger.config.where &&
    !evaluateCondition(trigger.config.where, { ...contextAt(start), event: input.data ?? {} })
  ) {
    log("not_entered", "The profile does not match the schedule trigger's condition", trigger.id);
  } else {
    enrol = { type: "enrol", ...(input.data ? { data: input.data } : {}) };
  }
  if (!enrol) return { ...result, endedAt: iso(start) };

  push(entryAt, { kind: "input", input: enrol });
  for (const e of events) {
    const at = start + e.afterSeconds * 1000;
    if (e === entry || at < entryAt) continue;
    push(at, { kind: "input", input: { type: "event", name: e.name, properties: e.properties, at: iso(at) } });
  }

  // ---- the engine's part -------------------------------------------------------------------
  const dispatch = (send: SendEffect) => {
    const decision = decideSend(send, new Date(now));
    switch (decision.action) {
      case "allow": {
        push(now, { kind: "input", input: { type: "dispatch", key: send.key, result: "sent" } });
        const record = sendsByKey.get(send.key);
        if (record) record.sentAt = iso(now);
        for (const receipt of receiptsFor(send.nodeId, send.channel)) {
          const at = now + receipt.afterSeconds * 1000;
          push(at, { kind: "input", input: { type: "outcome", key: send.key, status: receipt.status, at: iso(at) } });
        }
        return;
      }
      case "defer": {
        const until = Math.max(decision.until.getTime(), now + 1000);
        const deferred = { type: "dispatch", key: send.key, result: "deferred", reason: decision.reason, until: iso(until) } as const;
        push(now, { kind: "input", input: deferred });
        push(until, { kind: "decide", send });
        return;
      }
      case "suppress":
        push(now, { kind: "input", input: { type: "dispatch", key: send.key, result: "suppressed", reason: decision.reason } });
        return;
      default: {
        const _exhaustive: never = decision;
        throw new Error(`Unknown decision ${JSON.stringify(_exhaustive)}`);
      }
    }
  };

  const receiptsFor = (nodeId: string, channel: Channel): { status: ReceiptStatus; afterSeconds: number }[] => {
    const scripted = input.outcomes.filter((o) => o.nodeId === nodeId);
    if (scripted.length > 0) {
      return scripted.flatMap((o) => (o.outcome === "no_receipt" ? [] : [{ status: o.outcome, afterSeconds: o.afterSeconds }]));
    }
    const seen = channel === "email" ? "opened" : channel === "whatsapp" || channel === "push" || channel === "in_app" ? "read" : null;
    return [{ status: "delivered", afterSeconds: 1 }, ...(seen ? [{ status: seen, afterSeconds: 2 } as const] : [])];
  };

  const apply = (effect: Effect) => {
    switch (effect.type) {
      case "send":
        return onSend(effect);
      case "webhook": {
        const fails = input.outcomes.some((o) => o.nodeId === effect.nodeId && (o.outcome === "failed" || o.outcome === "undelivered"));
        log("webhook", `${effect.method} ${effect.url} (not called in a simulation)`, effect.nodeId);
        push(now, { kind: "input", input: { type: "dispatch", key: effect.key, result: fails ? "failed" : "sent", ...(fails ? { reason: "scripted failure" } : {}) } });
        return;
      }
      case "schedule":
        if (wake) wake.cancelled = true;
        wake = push(Date.parse(effect.at), { kind: "input", input: { type: "wake", token: effect.token } });
        return;
      case "unschedule":
        if (wake) wake.cancelled = true;
        wake = undefined;
        return;
      case "step":
        if (effect.kind === "entered" && effect.nodeId) result.path.push(effect.nodeId);
        if (effect.kind === "took" && effect.nodeId && effect.output) result.taken.push({ nodeId: effect.nodeId, output: effect.output });
        log(effect.kind, [effect.output, effect.detail].filter(Boolean).join(": "), effect.nodeId);
        return;
      case "update_profile":
        for (const [attr, value] of Object.entries(effect.set)) if (attr !== "id") profile = { ...profile, [attr]: value };
        log("update_profile", JSON.stringify(effect.set), effect.nodeId);
        return;
      case "convert":
        return; // the interpreter's "converted" step says it
      case "exit":
        endedAt = now;
        log("exit", effect.reason);
        return;
      default: {
        const _exhaustive: never = effect;
        throw new Error(`Unknown effect ${JSON.stringify(_exhaustive)}`);
      }
    }
  };

  const onSend = (send: EffectOf<"send">) => {
    const record: SimulatedSend = {
      at: iso(now),
      nodeId: send.nodeId,
      channel: send.channel,
      purpose: send.purpose,
      content: send.content,
      status: "pending",
    };
    result.sends.push(record);
    sendsByKey.set(send.key, record);
    dispatch(send);
  };

  const observe = (runInput: RunInput) => {
    if (runInput.type === "event") log("event", runInput.name);
    if (runInput.type !== "outcome") return;
    const status = runInput.status === "undelivered" ? "failed" : runInput.status;
    const record = sendsByKey.get(runInput.key);
    if (record && isEngagementStatus(status)) {
      engagement.push({ nodeId: record.nodeId, channel: record.channel, status, at: runInput.at });
    }
  };

  // ---- the clock ---------------------------------------------------------------------------
  let inputs = 0;
  while (queue.length > 0) {
    const item = queue.shift();
    if (!item || item.cancelled) continue;
    if (item.at > deadline || inputs >= MAX_INPUTS) {
      log("bound", `Stopped after ${inputs} inputs or ${MAX_VIRTUAL_DAYS} virtual days`);
      break;
    }
    now = item.at;
    inputs++;
    if (item.kind === "decide") {
      if (state && isEnded(state)) {
        log("dropped", "The run ended before the deferred send could go", item.send.nodeId);
      } else dispatch(item.send);
      continue;
    }
    if (item === wake) wake = undefined;
    observe(item.input);
    const out = step(journey, state, item.input, contextAt(now));
    state = out.state;
    for (const effect of out.effects) apply(effect);
    for (const [key, message] of Object.entries(state.messages)) {
      const record = sendsByKey.get(key);
      if (!record) continue;
      record.status = message.status;
      if (message.reason) record.reason = message.reason;
    }
  }

  return { ...result, status: state?.status ?? "not_entered", endedAt: iso(endedAt ?? now) };
}

function isEngagementStatus(status: string): status is EngagementFact["status"] {
  return (ENGAGEMENT_STATUSES as readonly string[]).includes(status);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
