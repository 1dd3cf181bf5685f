/**
 * The journey interpreter: a pure, deterministic state machine. The durable engine owns time,
 * storage, queues, policies and providers; it feeds each run its inputs one at a time through
 * `step` and carries out the effects it gets back, in order, in the same transaction that stores
 * the new state.
 *
 * Terminology
 * - run: one profile travelling through one published version of a journey (`RunState`).
 * - input: something that happened to a run (`RunInput`): enrol, wake, event, dispatch,
 *   outcome, cancel. The engine stores inputs; replaying them through `step` rebuilds the run.
 * - effect: something the engine must do (`Effect`): send, webhook, schedule/unschedule the
 *   run's single wake-up, update the profile, record a conversion, write a timeline step, exit.
 * - step: one call of `step`: one input in, the new state and its effects out. Within a step a
 *   run moves through nodes until it parks on a wait or ends; at most
 *   `MAX_TRANSITIONS_PER_STEP` node entries, beyond that it exits with `loop_limit`.
 * - transition: entering a node. Every entry bumps `visits[nodeId]`; the visit number makes
 *   keys and tokens unique when a loop passes a node again.
 * - key: a send's or webhook's idempotency key, `${runId}:${nodeId}:${visit}`: unique per run,
 *   node and visit, identical when the engine retries the same input.
 * - wait / parked: what a live run is waiting on (`RunWait`): a timer, an event, a dispatch
 *   result or a receipt. A timed wait carries a `token` and an `until`; the engine keeps one
 *   wake-up per run (`schedule` replaces it) and sends `wake` with that token when it is due.
 *   A wake whose token is not the current wait's is stale: no change, no effects.
 * - dispatch: the engine's attempt to hand a send or webhook to a provider after its policies
 *   (consent, quiet hours, caps, sender ID). It answers with a `dispatch` input: `sent`,
 *   `suppressed`, `failed`, or `deferred` (quiet hours; changes nothing but the record).
 * - outcome / receipt: what a provider reports about a sent message, possibly late, duplicated
 *   or out of order. Statuses only move forward (read never goes back to delivered).
 * - output: the handle a node leaves through (see `outputs.ts`).
 *
 * Decisions (where the spec leaves room)
 * - An event is checked against the goal first, then against `exitOn`, then against an
 *   `until_event` wait: an event may both convert and end a run (invoice_paid), and a matching
 *   exitOn wins over a matching until_event.
 * - A goal converts once, also after the run has ended (a conversion days after the last send
 *   still counts); ended runs otherwise only record receipts.
 * - A receipt or until_event event whose `at` is after the wait's deadline counts as the
 *   timeout (the wake-up may be a little late; the deadline is what the author drew).
 * - With `await`, the window starts when the dispatch is confirmed `sent`, so a quiet-hours
 *   deferral does not eat it. A receipt that arrives before the `sent` confirmation is kept and
 *   decides the await as soon as `sent` arrives.
 * - "Stronger" outcomes satisfy an await: delivered ⊂ read/opened ⊂ clicked, and replied or
 *   answered imply delivery (see `SATISFIES`).
 * - `until_time` is the first matching local minute strictly after now (see `local-time.ts` for
 *   DST); `until_date` reads an ISO string (local to the recipient when it has no offset); a
 *   missing or unreadable date, or a time already past, continues at once (a problem step notes
 *   the former). An unknown IANA zone falls back to UTC, noted as a problem.
 * - A template that fails to render makes a send or webhook take `fallback` (it could not be
 *   dispatched) and drops that value from an update_profile; both are noted as problems.
 * - A send's `fallback` with no edge continues on `next` (spec); any other output with no edge,
 *   a webhook's `fallback` included, ends the run (`no_edge`, status `completed`).
 * - Reentry `always` with a live run: the engine ends that run with `cancel` (`superseded`)
 *   before enrolling the new one (`mayEnter`).
 * - `step` throws only when the engine breaks the contract: a non-enrol input for a run that
 *   was never enrolled.
 */
import type { ConditionContext, ConsentFact, EngagementFact, ProfileView } from "./context";
import { evaluateCondition, readPath } from "./condition";
import { durationToMs } from "./duration";
import { renderContent, renderTemplate, type TemplateScope } from "./liquid";
import { isValidZone, nextLocalTime, parseInstant } from "./local-time";
import { BRANCH_ELSE } from "./outputs";
import {
  isEnded,
  type Effect,
  type ExitReason,
  type MessageStatus,
  type RunInput,
  type RunInputOf,
  type RunMessage,
  type RunState,
  type RunStatus,
  type RunWait,
  type StepKind,
  type TimedWait,
} from "./run-state";
import type { Condition, Journey, JourneyNode, NodeOf, Outcome } from "./schema";
import { splitBucket, pickVariant } from "./split";

export const MAX_TRANSITIONS_PER_STEP = 200;

export type StepContext = {
  runId: string;
  now: Date;
  profile: ProfileView;
  consents: readonly ConsentFact[];
  engagement: readonly EngagementFact[];
  journey: { key: string; name: string; version: number };
  /** IANA zone for `timezone: "recipient"` and offset-less dates, resolved by the caller. */
  recipientTimezone: string;
};

/** What trigger and exitOn conditions see besides the event itself; a StepContext fits. */
export type MatchContext = Omit<ConditionContext, "event">;

export type IncomingEvent = { name: string; properties: Record<string, unknown> };

export type StepResult = { state: RunState; effects: Effect[] };

export function messageKey(runId: string, nodeId: string, visit: number): string {
  return `${runId}:${nodeId}:${visit}`;
}

// ---- helpers the engine calls before or around `step` --------------------------------------

/** Whether `event` enters a journey whose trigger is of kind `event`. */
export function triggerMatches(journey: Journey, event: IncomingEvent, ctx: MatchContext): boolean {
  const trigger = graphOf(journey).trigger;
  if (trigger?.config.kind !== "event" || trigger.config.event !== event.name) return false;
  return holds(trigger.config.where, { ...ctx, event: event.properties });
}

/** Whether `event` ends an active run of the journey. */
export function exitOnMatches(journey: Journey, event: IncomingEvent, ctx: MatchContext): boolean {
  return journey.exitOn.some((e) => e.event === event.name && holds(e.where, { ...ctx, event: event.properties }));
}

/**
 * Whether a profile may start a run. With `always` and an active run, the engine first ends that
 * run with a `cancel` input (reason `superseded`): a profile never has two active runs.
 */
export function mayEnter(
  reentry: Journey["reentry"],
  history: { hasActiveRun: boolean; hasAnyRun: boolean },
): boolean {
  switch (reentry) {
    case "never":
      return !history.hasAnyRun;
    case "after_exit":
      return !history.hasActiveRun;
    case "always":
      return true;
    default: {
      const _exhaustive: never = reentry;
      return _exhaustive;
    }
  }
}

/** When the engine must wake the run (its `next_wake_at`), or null when nothing is timed. */
export function nextWakeAt(state: RunState): Date | null {
  const timed = timedWait(state);
  return timed ? new Date(timed.until) : null;
}

// ---- step ----------------------------------------------------------------------------------

export function step(journey: Journey, state: RunState | null, input: RunInput, ctx: StepContext): StepResult {
  if (input.type === "enrol") {
    if (state !== null) return { state, effects: [] };
    return enrol(journey, input, ctx);
  }
  if (state === null) throw new Error(`A "${input.type}" input needs an enrolled run`);
  const w = begin(journey, structuredClone(state), ctx);
  switch (input.type) {
    case "wake":
      onWake(w, input);
      break;
    case "event":
      onEvent(w, input);
      break;
    case "dispatch":
      onDispatch(w, input);
      break;
    case "outcome":
      onOutcome(w, input);
      break;
    case "cancel":
      if (!isEnded(w.state)) end(w, input.reason);
      break;
    default: {
      const _exhaustive: never = input;
      throw new Error(`Unknown input ${JSON.stringify(_exhaustive)}`);
    }
  }
  return finish(w, state, input);
}

/** The mutable working copy of one step. */
type Work = {
  journey: Journey;
  graph: Graph;
  ctx: StepContext;
  state: RunState;
  /** The profile as this step sees it: update_profile writes show up in later nodes. */
  profile: ProfileView;
  effects: Effect[];
  transitions: number;
  exit?: ExitReason;
};

/** Where a node hands over: leave `node` through `output`. Null: the run parked or ended. */
type Handover = { node: JourneyNode; output: string; detail?: string } | null;

function begin(journey: Journey, state: RunState, ctx: StepContext): Work {
  return { journey, graph: graphOf(journey), ctx, state, profile: { ...ctx.profile }, effects: [], transitions: 0 };
}

function enrol(journey: Journey, input: RunInputOf<"enrol">, ctx: StepContext): StepResult {
  const state: RunState = {
    status: "active",
    nodeId: null,
    visits: {},
    wait: null,
    data: { event: structuredClone(input.event?.properties ?? input.data ?? {}) },
    enteredAt: ctx.now.toISOString(),
    messages: {},
  };
  const w = begin(journey, state, ctx);
  const trigger = w.graph.trigger;
  if (trigger) walk(w, enter(w, trigger.id));
  else {
    note(w, undefined, "problem", "The journey has no trigger");
    end(w, "missing_node");
  }
  return finish(w, null, input);
}

/** Schedule bookkeeping, final status, and the exit effect last. */
function finish(w: Work, before: RunState | null, input: RunInput): StepResult {
  const prevTimer = before ? timedWait(before) : null;
  const nextTimer = timedWait(w.state);
  if (nextTimer && nextTimer.token !== prevTimer?.token) {
    w.effects.push({ type: "schedule", token: nextTimer.token, at: nextTimer.until });
  } else if (!nextTimer && prevTimer && !(input.type === "wake" && input.token === prevTimer.token)) {
    w.effects.push({ type: "unschedule" });
  }
  w.state.status = statusOf(w);
  if (w.exit) w.effects.push({ type: "exit", reason: w.exit });
  return { state: w.state, effects: w.effects };
}

function statusOf(w: Work): RunStatus {
  if (w.exit) return w.exit === "exit_node" || w.exit === "no_edge" ? "completed" : "exited";
  if (isEnded(w.state)) return w.state.status;
  if (!w.state.wait) throw new Error("A live run must be parked on a wait after a step");
  return w.state.wait.kind === "dispatch" ? "active" : "waiting";
}

function end(w: Work, reason: ExitReason): void {
  w.state.wait = null;
  w.state.exitReason = reason;
  w.exit = reason;
}

// ---- moving through the graph --------------------------------------------------------------

/** Follow outputs from node to node until the run parks or ends. */
function walk(w: Work, from: Handover): void {
  let handover = from;
  while (handover) {
    const { node, output } = handover;
    let detail = handover.detail;
    let target = w.graph.edges.get(edgeKey(node.id, output));
    if (target === undefined && node.type === "send" && output === "fallback") {
      target = w.graph.edges.get(edgeKey(node.id, "next"));
      detail = join(detail, "no fallback edge: continuing on next");
    }
    w.effects.push({ type: "step", nodeId: node.id, kind: "took", output, ...(detail ? { detail } : {}) });
    if (target === undefined) {
      end(w, "no_edge");
      return;
    }
    handover = enter(w, target);
  }
}

/** Take `output` of the node a run was parked on. */
function resume(w: Work, node: JourneyNode, output: string, detail?: string): void {
  w.state.wait = null;
  walk(w, { node, output, ...(detail ? { detail } : {}) });
}

function enter(w: Work, nodeId: string): Handover {
  if (w.transitions >= MAX_TRANSITIONS_PER_STEP) {
    note(w, nodeId, "loop_limit", `Stopped after ${MAX_TRANSITIONS_PER_STEP} node transitions in one step: a loop with no real wait`);
    end(w, "loop_limit");
    return null;
  }
  w.transitions++;
  const node = w.graph.nodes.get(nodeId);
  if (!node) {
    note(w, nodeId, "problem", `No node "${nodeId}" in this version of the journey`);
    end(w, "missing_node");
    return null;
  }
  const visit = (w.state.visits[nodeId] ?? 0) + 1;
  w.state.visits[nodeId] = visit;
  w.state.nodeId = nodeId;
  note(w, nodeId, "entered");
  return run(w, node, visit);
}

function run(w: Work, node: JourneyNode, visit: number): Handover {
  switch (node.type) {
    case "trigger":
      return { node, output: "next" };
    case "wait":
      return runWait(w, node, visit);
    case "send":
      return runSend(w, node, visit);
    case "branch": {
      const ctx = conditionContext(w);
      const hit = node.config.cases.find((c) => evaluateCondition(c.where, ctx));
      return { node, output: hit?.name ?? BRANCH_ELSE };
    }
    case "split": {
      const bucket = splitBucket(w.profile.id, w.journey.key, node.id);
      return { node, output: pickVariant(node.config.variants, bucket), detail: `bucket ${bucket.toFixed(2)}` };
    }
    case "update_profile":
      return runUpdateProfile(w, node);
    case "webhook":
      return runWebhook(w, node, visit);
    case "exit":
      end(w, "exit_node");
      return null;
    default: {
      const _exhaustive: never = node;
      throw new Error(`Unknown node ${JSON.stringify(_exhaustive)}`);
    }
  }
}

function runWait(w: Work, node: NodeOf<"wait">, visit: number): Handover {
  const cfg = node.config;
  const token = messageKey(w.ctx.runId, node.id, visit);
  const now = w.ctx.now;
  let until: Date;
  switch (cfg.mode) {
    case "duration":
      until = new Date(now.getTime() + durationToMs(cfg.duration));
      break;
    case "until_time": {
      const zone = zoneFor(w, node, cfg.timezone === "recipient" ? w.ctx.recipientTimezone : cfg.timezone);
      until = nextLocalTime(cfg.at, cfg.days, zone, now);
      break;
    }
    case "until_date": {
      const raw = readPath(conditionContext(w), cfg.field);
      const read = parseInstant(raw, zoneFor(w, node, w.ctx.recipientTimezone));
      if (!read) {
        note(w, node.id, "problem", `${cfg.field} is missing or not an ISO date (${JSON.stringify(raw) ?? "undefined"})`);
        return { node, output: "next", detail: "no date to wait for" };
      }
      until = new Date(read.getTime() + (cfg.offset ? durationToMs(cfg.offset) : 0));
      if (until.getTime() <= now.getTime()) {
        return { node, output: "next", detail: `${until.toISOString()} has already passed` };
      }
      break;
    }
    case "until_event": {
      until = new Date(now.getTime() + durationToMs(cfg.timeout));
      w.state.wait = { kind: "event", nodeId: node.id, token, event: cfg.event, until: until.toISOString() };
      note(w, node.id, "waiting", `for ${cfg.event} until ${until.toISOString()}`);
      return null;
    }
    default: {
      const _exhaustive: never = cfg;
      throw new Error(`Unknown wait ${JSON.stringify(_exhaustive)}`);
    }
  }
  w.state.wait = { kind: "timer", nodeId: node.id, token, until: until.toISOString() };
  note(w, node.id, "waiting", `until ${until.toISOString()}`);
  return null;
}

function runSend(w: Work, node: NodeOf<"send">, visit: number): Handover {
  const cfg = node.config;
  const content = tryRender(w, node, () => renderContent(cfg.channel, cfg.content, templateScope(w)));
  if (content === undefined) return { node, output: "fallback", detail: "content could not be rendered" };
  const key = messageKey(w.ctx.runId, node.id, visit);
  w.state.messages[key] = { nodeId: node.id, channel: cfg.channel, status: "pending" };
  w.effects.push({
    type: "send",
    key,
    nodeId: node.id,
    channel: cfg.channel,
    purpose: cfg.purpose ?? w.journey.purpose,
    urgent: cfg.urgent ?? false,
    ...(cfg.senderId ? { senderId: cfg.senderId } : {}),
    content,
    quietHours: w.journey.quietHours,
  });
  w.state.wait = { kind: "dispatch", nodeId: node.id, key };
  return null;
}

function runWebhook(w: Work, node: NodeOf<"webhook">, visit: number): Handover {
  const cfg = node.config;
  const scope = templateScope(w);
  const rendered = tryRender(w, node, () => ({
    url: renderTemplate(cfg.url, scope),
    headers: Object.fromEntries(Object.entries(cfg.headers ?? {}).map(([k, v]) => [k, renderTemplate(v, scope)])),
    body: cfg.body === undefined ? undefined : renderTemplate(cfg.body, scope),
  }));
  if (rendered === undefined) return { node, output: "fallback", detail: "request could not be rendered" };
  const key = messageKey(w.ctx.runId, node.id, visit);
  w.effects.push({
    type: "webhook",
    key,
    nodeId: node.id,
    url: rendered.url,
    method: cfg.method,
    headers: rendered.headers,
    ...(rendered.body === undefined ? {} : { body: rendered.body }),
  });
  w.state.wait = { kind: "dispatch", nodeId: node.id, key };
  return null;
}

function runUpdateProfile(w: Work, node: NodeOf<"update_profile">): Handover {
  const scope = templateScope(w);
  const set: Record<string, string | number | boolean | null> = {};
  for (const [attr, value] of Object.entries(node.config.set)) {
    if (typeof value !== "string") set[attr] = value;
    else {
      const rendered = tryRender(w, node, () => renderTemplate(value, scope));
      if (rendered !== undefined) set[attr] = rendered;
    }
  }
  w.effects.push({ type: "update_profile", nodeId: node.id, set });
  for (const [attr, value] of Object.entries(set)) {
    // The external id is the profile's identity, never an attribute to overwrite.
    if (attr !== "id") w.profile[attr] = value;
  }
  return { node, output: "next" };
}

// ---- inputs --------------------------------------------------------------------------------

function onWake(w: Work, input: RunInputOf<"wake">): void {
  const wait = w.state.wait;
  if (!wait || wait.kind === "dispatch" || wait.token !== input.token) return;
  const node = parkedNode(w, wait);
  if (!node) return;
  switch (wait.kind) {
    case "timer":
      return resume(w, node, "next");
    case "event":
      return resume(w, node, "timeout", `no ${wait.event} by ${wait.until}`);
    case "outcome":
      return takeFallback(w, node, wait.key, `no ${wait.outcome} by ${wait.until}`);
    default: {
      const _exhaustive: never = wait;
      throw new Error(`Unknown wait ${JSON.stringify(_exhaustive)}`);
    }
  }
}

function onEvent(w: Work, input: RunInputOf<"event">): void {
  checkGoal(w, input);
  if (isEnded(w.state)) return;
  const event = { name: input.name, properties: input.properties };
  if (exitOnMatches(w.journey, event, matchContext(w))) {
    end(w, `exit_on:${input.name}`);
    return;
  }
  const wait = w.state.wait;
  if (wait?.kind !== "event" || wait.event !== input.name) return;
  const node = parkedNode(w, wait);
  if (node?.type !== "wait" || node.config.mode !== "until_event") return;
  if (!holds(node.config.where, { ...matchContext(w), event: input.properties })) return;
  if (Date.parse(input.at) > Date.parse(wait.until)) {
    resume(w, node, "timeout", `${input.name} came at ${input.at}, after the timeout ${wait.until}`);
  } else {
    resume(w, node, "event");
  }
}

/** Convert once when the goal event arrives within `withinHours` of entry, live run or not. */
function checkGoal(w: Work, input: RunInputOf<"event">): void {
  const goal = w.journey.goal;
  if (!goal || w.state.convertedAt || goal.event !== input.name) return;
  const at = Date.parse(input.at);
  const msToConvert = at - Date.parse(w.state.enteredAt);
  if (msToConvert < 0 || msToConvert > goal.withinHours * 3_600_000) return;
  if (!holds(goal.where, { ...matchContext(w), event: input.properties })) return;
  const iso = new Date(at).toISOString();
  w.state.convertedAt = iso;
  w.effects.push({ type: "convert", at: iso, msToConvert });
  note(w, w.state.nodeId ?? undefined, "converted", `${input.name} after ${Math.round(msToConvert / 1000)} s`);
}

function onDispatch(w: Work, input: RunInputOf<"dispatch">): void {
  const wait = w.state.wait;
  const message = w.state.messages[input.key];
  if (wait?.kind !== "dispatch" || wait.key !== input.key) {
    // The run moved on (exitOn, cancel) while the engine was dispatching: keep the record true.
    if (message) raise(message, input.result);
    return;
  }
  const node = parkedNode(w, wait);
  if (!node) return;
  const reason = input.reason ? `: ${input.reason}` : "";
  if (input.result === "deferred") {
    if (message) {
      raise(message, "deferred");
      if (input.reason) message.reason = input.reason;
    }
    note(w, node.id, "deferred", `${input.until ? `until ${input.until}` : "until allowed"}${reason}`);
    return;
  }
  note(w, node.id, input.result, input.reason);
  if (message) {
    raise(message, input.result);
    if (input.reason && input.result !== "sent") message.reason = input.reason;
  }
  if (node.type !== "send") {
    resume(w, node, input.result === "sent" ? "next" : "fallback", input.result === "sent" ? undefined : `${input.result}${reason}`);
    return;
  }
  if (input.result !== "sent") return takeFallback(w, node, input.key, `${input.result}${reason}`);
  const awaited = node.config.await;
  if (!awaited) return resume(w, node, "next");
  // Receipts can overtake the engine's own confirmation; they decide at once.
  const status = message?.status ?? "sent";
  if (SATISFIES[awaited.outcome].includes(status)) return resume(w, node, "next", `${status} already reported`);
  if (isFailure(status)) return takeFallback(w, node, input.key, `${status} already reported`);
  const until = new Date(w.ctx.now.getTime() + durationToMs(awaited.within)).toISOString();
  w.state.wait = { kind: "outcome", nodeId: node.id, token: `${input.key}:await`, key: input.key, outcome: awaited.outcome, until };
  note(w, node.id, "waiting", `for ${awaited.outcome} until ${until}`);
}

function onOutcome(w: Work, input: RunInputOf<"outcome">): void {
  const message = w.state.messages[input.key];
  if (!message) return;
  const changed = raise(message, input.status);
  const wait = w.state.wait;
  if (wait?.kind === "outcome" && wait.key === input.key) {
    const node = parkedNode(w, wait);
    if (!node) return;
    const success = SATISFIES[wait.outcome].includes(input.status);
    const inTime = Date.parse(input.at) <= Date.parse(wait.until);
    if (isFailure(input.status)) return takeFallback(w, node, input.key, `${input.status} receipt`);
    if (success && inTime) return resume(w, node, "next", `${input.status} at ${input.at}`);
    if (success) {
      takeFallback(w, node, input.key, `no ${wait.outcome} by ${wait.until}`);
      note(w, node.id, "late_outcome", `${input.status} at ${input.at}, after the window`);
      return;
    }
  }
  if (!changed) return;
  const late = message.fallbackTaken && !isFailure(input.status);
  note(w, message.nodeId, late ? "late_outcome" : "outcome", `${input.status} at ${input.at}`);
}

function takeFallback(w: Work, node: JourneyNode, key: string, detail: string): void {
  const message = w.state.messages[key];
  if (message) message.fallbackTaken = true;
  resume(w, node, "fallback", detail);
}

// ---- messages ------------------------------------------------------------------------------

/** Statuses only move forward; equal ranks (read/opened, failed/undelivered) keep the first. */
const RANK: Record<MessageStatus, number> = {
  pending: 0,
  deferred: 1,
  sent: 2,
  suppressed: 3,
  failed: 3,
  undelivered: 3,
  delivered: 4,
  read: 5,
  opened: 5,
  clicked: 6,
  replied: 7,
  answered: 7,
};

/** The statuses that satisfy an awaited outcome: it, or one that implies it. */
const SATISFIES: Record<Outcome, readonly MessageStatus[]> = {
  delivered: ["delivered", "read", "opened", "clicked", "replied", "answered"],
  read: ["read", "clicked", "replied"],
  opened: ["opened", "clicked"],
  clicked: ["clicked"],
  replied: ["replied"],
  answered: ["answered"],
};

function raise(message: RunMessage, status: MessageStatus): boolean {
  if (RANK[status] <= RANK[message.status]) return false;
  message.status = status;
  return true;
}

function isFailure(status: MessageStatus): boolean {
  return status === "failed" || status === "undelivered" || status === "suppressed";
}

// ---- small pieces --------------------------------------------------------------------------

type Graph = {
  nodes: Map<string, JourneyNode>;
  /** `${source}\0${handle}` → target; the first edge wins if validation let a duplicate by. */
  edges: Map<string, string>;
  trigger: NodeOf<"trigger"> | undefined;
};

// Journeys are treated as immutable values (a published version never changes; the canvas and
// the simulator pass freshly parsed documents), so the index is built once per object.
const graphs = new WeakMap<Journey, Graph>();

function graphOf(journey: Journey): Graph {
  const cached = graphs.get(journey);
  if (cached) return cached;
  const nodes = new Map(journey.nodes.map((n) => [n.id, n] as const));
  const edges = new Map<string, string>();
  for (const e of journey.edges) {
    const key = edgeKey(e.source, e.sourceHandle);
    if (!edges.has(key)) edges.set(key, e.target);
  }
  const trigger = journey.nodes.find((n): n is NodeOf<"trigger"> => n.type === "trigger");
  const graph = { nodes, edges, trigger };
  graphs.set(journey, graph);
  return graph;
}

function edgeKey(source: string, handle: string): string {
  return `${source}\u0000${handle}`;
}

function timedWait(state: RunState): TimedWait | null {
  const wait = state.wait;
  return wait && wait.kind !== "dispatch" && !isEnded(state) ? wait : null;
}

/** The node a wait belongs to; a version that lost it ends the run. */
function parkedNode(w: Work, wait: RunWait): JourneyNode | undefined {
  const node = w.graph.nodes.get(wait.nodeId);
  if (!node) {
    note(w, wait.nodeId, "problem", `No node "${wait.nodeId}" in this version of the journey`);
    end(w, "missing_node");
  }
  return node;
}

function zoneFor(w: Work, node: JourneyNode, zone: string): string {
  if (isValidZone(zone)) return zone;
  note(w, node.id, "problem", `Unknown time zone "${zone}"; using UTC`);
  return "UTC";
}

function tryRender<T>(w: Work, node: JourneyNode, render: () => T): T | undefined {
  try {
    return render();
  } catch (error) {
    note(w, node.id, "problem", `Template failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function matchContext(w: Work): MatchContext {
  return {
    profile: w.profile,
    journey: w.ctx.journey,
    engagement: w.ctx.engagement,
    consents: w.ctx.consents,
    now: w.ctx.now,
  };
}

function conditionContext(w: Work): ConditionContext {
  return { ...matchContext(w), event: w.state.data.event };
}

function templateScope(w: Work): TemplateScope {
  return { profile: w.profile, event: w.state.data.event, journey: w.ctx.journey };
}

function holds(where: Condition | undefined, ctx: ConditionContext): boolean {
  return where === undefined || evaluateCondition(where, ctx);
}

function note(w: Work, nodeId: string | undefined, kind: StepKind, detail?: string): void {
  w.effects.push({ type: "step", ...(nodeId ? { nodeId } : {}), kind, ...(detail ? { detail } : {}) });
}

function join(a: string | undefined, b: string): string {
  return a ? `${a}; ${b}` : b;
}
