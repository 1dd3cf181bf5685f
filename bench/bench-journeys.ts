/**
 * The journeys the benchmark publishes, one per question, each entered by its own event so
 * phases never trigger each other's journeys.
 */
import type { JourneyInput } from "@/server/journey/schema";

const at = (y: number) => ({ x: 0, y });
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}-${sourceHandle}`, source, sourceHandle, target });

export const BENCH_EVENTS = {
  enrol: "bench_enrol",
  steps: "bench_steps",
  sms: "bench_sms",
  timer: "bench_timer",
} as const;

/** The wait of the timer journey: long enough to enrol every run before the first wakes. */
export const TIMER_WAIT_SECONDS = 3;

/** Enrolment is the only work: the run parks on a one-hour wait at once. */
export const enrolJourney: JourneyInput = {
  format: "switchboard.journey/v1",
  key: "bench-enrol",
  name: "Bench: enrol and park",
  purpose: "transactional",
  nodes: [
    { id: "trigger", type: "trigger", position: at(0), config: { kind: "event", event: BENCH_EVENTS.enrol } },
    { id: "wait", type: "wait", position: at(140), config: { mode: "duration", duration: { hours: 1 } } },
    { id: "end", type: "exit", position: at(280), config: {} },
  ],
  edges: [edge("trigger", "next", "wait"), edge("wait", "next", "end")],
};

/** One event drives five node transitions: trigger → branch → update_profile → split → wait. */
export const stepsJourney: JourneyInput = {
  format: "switchboard.journey/v1",
  key: "bench-steps",
  name: "Bench: several transitions per input",
  purpose: "transactional",
  nodes: [
    { id: "trigger", type: "trigger", position: at(0), config: { kind: "event", event: BENCH_EVENTS.steps } },
    {
      id: "tier",
      type: "branch",
      position: at(140),
      config: { cases: [{ name: "gold", where: { field: "profile.tier", op: "eq", value: "gold" } }] },
    },
    { id: "mark", type: "update_profile", position: at(280), config: { set: { bench_seen: "{{ event.n }}" } } },
    { id: "ab", type: "split", position: at(420), config: { variants: [{ name: "a", percent: 50 }, { name: "b", percent: 50 }] } },
    { id: "wait", type: "wait", position: at(560), config: { mode: "duration", duration: { hours: 1 } } },
    { id: "end", type: "exit", position: at(700), config: {} },
  ],
  edges: [
    edge("trigger", "next", "tier"),
    edge("tier", "gold", "mark"),
    edge("tier", "else", "mark"),
    edge("mark", "next", "ab"),
    edge("ab", "a", "wait"),
    edge("ab", "b", "wait"),
    edge("wait", "next", "end"),
  ],
};

/** Node transitions one `bench_steps` event makes (entered: trigger, tier, mark, ab, wait). */
export const STEPS_PER_ENROLMENT = 5;

/** An OTP-like send first: the API event's latency to the provider is the question. */
export const smsJourney: JourneyInput = {
  format: "switchboard.journey/v1",
  key: "bench-sms",
  name: "Bench: SMS at once",
  purpose: "transactional",
  nodes: [
    { id: "trigger", type: "trigger", position: at(0), config: { kind: "event", event: BENCH_EVENTS.sms } },
    { id: "send", type: "send", position: at(140), config: { channel: "sms", urgent: true, content: { body: "Your code is {{ event.code }}" } } },
    { id: "end", type: "exit", position: at(280), config: {} },
  ],
  edges: [edge("trigger", "next", "send"), edge("send", "next", "end")],
};

export const timerJourney: JourneyInput = {
  format: "switchboard.journey/v1",
  key: "bench-timer",
  name: "Bench: short timer",
  purpose: "transactional",
  nodes: [
    { id: "trigger", type: "trigger", position: at(0), config: { kind: "event", event: BENCH_EVENTS.timer } },
    { id: "wait", type: "wait", position: at(140), config: { mode: "duration", duration: { seconds: TIMER_WAIT_SECONDS } } },
    { id: "end", type: "exit", position: at(280), config: {} },
  ],
  edges: [edge("trigger", "next", "wait"), edge("wait", "next", "end")],
};
