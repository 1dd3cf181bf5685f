/**
 * What a new node starts as, and how a send changes channel without losing its words.
 * Defaults are deliberately incomplete where only the marketer knows the answer (event name,
 * message text, URL): validation then marks the node until it is filled in.
 */
import {
  CHANNEL_OUTCOMES,
  type Channel,
  type NodeOf,
  type NodeType,
  type SendConfig,
  type SendContent,
  type TriggerConfig,
  type WaitConfig,
} from "@/server/journey/schema";

type ConfigOf<T extends NodeType> = NodeOf<T>["config"];

export function defaultConfig<T extends NodeType>(type: T): ConfigOf<T>;
export function defaultConfig(type: NodeType): ConfigOf<NodeType> {
  switch (type) {
    case "trigger":
      return { kind: "event", event: "" };
    case "wait":
      return { mode: "duration", duration: { hours: 1 } };
    case "send":
      return sendConfigFor("sms");
    case "branch":
      return { cases: [{ name: "has_email", where: { field: "profile.email", op: "exists" } }] };
    case "split":
      return {
        variants: [
          { name: "a", percent: 50 },
          { name: "b", percent: 50 },
        ],
      };
    case "update_profile":
      return { set: {} };
    case "webhook":
      return { url: "", method: "POST" };
    case "exit":
      return {};
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

/** The message's main words and its title (subject/title), whatever the channel. */
export function contentText(config: SendConfig): { title: string; text: string } {
  switch (config.channel) {
    case "sms":
      return { title: "", text: config.content.body };
    case "whatsapp":
      return "body" in config.content ? { title: "", text: config.content.body } : { title: "", text: "" };
    case "email":
      return { title: config.content.subject, text: config.content.text };
    case "push":
    case "in_app":
      return { title: config.content.title, text: config.content.body };
    case "voice":
      return { title: "", text: config.content.say };
    default: {
      const _exhaustive: never = config;
      return _exhaustive;
    }
  }
}

export function contentFor<C extends Channel>(channel: C, words: { title?: string; text?: string }): SendContent[C];
export function contentFor(channel: Channel, { title = "", text = "" }: { title?: string; text?: string }): SendContent[Channel] {
  switch (channel) {
    case "sms":
    case "whatsapp":
      return { body: text };
    case "email":
      return { subject: title, text };
    case "push":
    case "in_app":
      return { title, body: text };
    case "voice":
      return { say: text };
    default: {
      const _exhaustive: never = channel;
      return _exhaustive;
    }
  }
}

export function sendConfigFor(channel: Channel, words: { title?: string; text?: string } = {}): SendConfig {
  // The cast pairs `channel` with the content built for it by `contentFor`.
  return { channel, content: contentFor(channel, words) } as SendConfig;
}

/**
 * The same send on another channel: the words move to the new channel's fields, purpose,
 * urgency and sender stay, and an `await` outcome the new channel cannot report becomes
 * `delivered` (every channel reports it) rather than vanishing.
 */
export function switchChannel(config: SendConfig, channel: Channel): SendConfig {
  if (config.channel === channel) return config;
  // Spreading the old config keeps purpose, urgent and senderId; channel and content replace.
  const next = { ...config, ...sendConfigFor(channel, contentText(config)) } as SendConfig;
  if (!config.await || CHANNEL_OUTCOMES[channel].includes(config.await.outcome)) return next;
  return { ...next, await: { ...config.await, outcome: "delivered" } };
}

/** A trigger of another kind; the audience condition survives between event and schedule. */
export function triggerConfigFor(kind: TriggerConfig["kind"], previous?: TriggerConfig): TriggerConfig {
  const where = previous && previous.kind !== "api" ? previous.where : undefined;
  switch (kind) {
    case "event":
      return { kind, event: previous?.kind === "event" ? previous.event : "", ...(where ? { where } : {}) };
    case "api":
      return { kind };
    case "schedule":
      return { kind, ...(where ? { where } : {}) };
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

export function waitConfigFor(mode: WaitConfig["mode"]): WaitConfig {
  switch (mode) {
    case "duration":
      return { mode, duration: { hours: 1 } };
    case "until_time":
      return { mode, at: "10:00", timezone: "recipient" };
    case "until_date":
      return { mode, field: "event.date" };
    case "until_event":
      return { mode, event: "", timeout: { days: 1 } };
    default: {
      const _exhaustive: never = mode;
      return _exhaustive;
    }
  }
}

/** Whole percents as even as they go, the remainder to the first variants: 3 → 34, 33, 33. */
export function evenSplit(count: number): number[] {
  const base = Math.floor(100 / count);
  const extra = 100 - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The first `${prefix}_<n>` not in `taken` (new case and variant names). */
export function freshName(prefix: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) {
    const name = `${prefix}_${n}`;
    if (!taken.includes(name)) return name;
  }
}
