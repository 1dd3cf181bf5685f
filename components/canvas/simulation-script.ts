/**
 * The test panel's script: what happens to the sample profile's messages and which events it
 * sends, turned into `simulate`'s input. Presets cover what marketers ask first ("what if the
 * WhatsApp is not delivered?").
 */
import { formatDuration } from "@/server/journey/duration";
import type { ProfileView } from "@/server/journey/context";
import type { Channel, Journey, Purpose } from "@/server/journey/schema";
import { SIMULATED_OUTCOMES, type DecideSend, type SimulateInput } from "@/server/journey/simulate";

export type SimulatedOutcome = (typeof SIMULATED_OUTCOMES)[number];

export type ScriptStep =
  /** What the provider reports for a send (or a webhook: `failed` makes it fail), after dispatch. */
  | { kind: "outcome"; nodeId: string; outcome: SimulatedOutcome; afterSeconds: number }
  /** An event for the profile, counted from the start. */
  | { kind: "event"; name: string; afterSeconds: number; properties: Record<string, unknown> }
  /** The profile answers the first SMS with STOP: it counts as a reply, and later SMS are suppressed. */
  | { kind: "stop"; afterSeconds: number };

export const PRESETS = {
  whatsapp_undelivered: "WhatsApp undelivered",
  email_opened_2h: "Email opened after 2 h",
  replies_stop: "Replies STOP to the SMS",
  nothing_delivered: "Nothing is delivered",
} as const;
export type Preset = keyof typeof PRESETS;

const HOUR = 3_600;

function sendsOn(journey: Pick<Journey, "nodes">, channel?: Channel): string[] {
  return journey.nodes.filter((n) => n.type === "send" && (channel === undefined || n.config.channel === channel)).map((n) => n.id);
}

export function presetSteps(preset: Preset, journey: Pick<Journey, "nodes">): ScriptStep[] {
  switch (preset) {
    case "whatsapp_undelivered":
      return sendsOn(journey, "whatsapp").map((nodeId) => ({ kind: "outcome", nodeId, outcome: "undelivered", afterSeconds: 30 }));
    case "email_opened_2h":
      // Scripted outcomes replace the sandbox's receipts, so delivery is scripted too.
      return sendsOn(journey, "email").flatMap((nodeId): ScriptStep[] => [
        { kind: "outcome", nodeId, outcome: "delivered", afterSeconds: 1 },
        { kind: "outcome", nodeId, outcome: "opened", afterSeconds: 2 * HOUR },
      ]);
    case "replies_stop":
      return [{ kind: "stop", afterSeconds: 60 }];
    case "nothing_delivered":
      return sendsOn(journey).map((nodeId) => ({ kind: "outcome", nodeId, outcome: "no_receipt", afterSeconds: 1 }));
    default: {
      const _exhaustive: never = preset;
      return _exhaustive;
    }
  }
}

export type ScriptSettings = {
  profile: ProfileView;
  /** `event.*` for the entry. */
  data?: Record<string, unknown>;
  steps: readonly ScriptStep[];
  marketingOptIns: readonly Channel[];
  startAt: string;
};

/**
 * `simulate`'s input. A STOP becomes a `replied` receipt on every SMS send; the opt-out itself
 * only exists for a local run, through `stopDecider`.
 */
export function toSimulateInput(journey: Pick<Journey, "nodes">, s: ScriptSettings): SimulateInput {
  const stop = s.steps.find((x) => x.kind === "stop");
  const outcomes = s.steps.flatMap((x) => (x.kind === "outcome" ? [{ nodeId: x.nodeId, outcome: x.outcome, afterSeconds: x.afterSeconds }] : []));
  if (stop) {
    for (const nodeId of sendsOn(journey, "sms")) {
      if (!outcomes.some((o) => o.nodeId === nodeId)) outcomes.push({ nodeId, outcome: "delivered", afterSeconds: 1 });
      outcomes.push({ nodeId, outcome: "replied", afterSeconds: stop.afterSeconds });
    }
  }
  return {
    profile: s.profile,
    events: s.steps.flatMap((x) => (x.kind === "event" ? [{ name: x.name, afterSeconds: x.afterSeconds, properties: x.properties }] : [])),
    outcomes,
    consents: s.marketingOptIns.map((channel) => ({ channel, purpose: "marketing" as Purpose, status: "opted_in" as const })),
    ...(s.data ? { data: s.data } : {}),
    startAt: s.startAt,
  };
}

/**
 * The opt-out a STOP causes, for a local run: once the first SMS has been answered
 * (`afterSeconds` after its dispatch), every later SMS is suppressed, as the engine would.
 */
export function stopDecider(steps: readonly ScriptStep[]): DecideSend | undefined {
  const stop = steps.find((x) => x.kind === "stop");
  if (!stop) return undefined;
  let optedOutAt: number | undefined;
  return (send, now) => {
    if (send.channel !== "sms") return { action: "allow" };
    if (optedOutAt !== undefined && now.getTime() >= optedOutAt) return { action: "suppress", reason: "Opted out: replied STOP" };
    optedOutAt ??= now.getTime() + stop.afterSeconds * 1000;
    return { action: "allow" };
  };
}

/** "+0 s", "+5 min", "+1 d 2 h" since the start of the simulation. */
export function formatElapsed(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3_600);
  rest -= hours * 3_600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  return `+${formatDuration({ days, hours, minutes, seconds })}`;
}
