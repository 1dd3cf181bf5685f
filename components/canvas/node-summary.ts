/**
 * The words a node card shows at a glance: what a step does, in a marketer's terms
 * ("if not delivered in 5 min → fallback"), not the JSON behind it.
 */
import { formatDuration } from "@/server/journey/duration";
import {
  WEEKDAYS,
  type Channel,
  type Condition,
  type NodeOf,
  type Outcome,
  type SendConfig,
  type TriggerConfig,
  type WaitConfig,
} from "@/server/journey/schema";

export const CHANNEL_LABELS: Record<Channel, string> = {
  sms: "SMS",
  whatsapp: "WhatsApp",
  email: "Email",
  push: "Push",
  in_app: "In-app",
  voice: "Voice call",
};

const MISSED: Record<Outcome, string> = {
  delivered: "not delivered",
  read: "not read",
  opened: "not opened",
  clicked: "not clicked",
  replied: "no reply",
  answered: "not answered",
};

const PREVIEW_LENGTH = 80;

/** First words of a text, whitespace collapsed, cut at a word near `max` characters. */
export function preview(text: string, max = PREVIEW_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The message as the card shows it: email subject, push/in-app title + body, SMS body. */
export function sendPreview(config: SendConfig): string {
  switch (config.channel) {
    case "sms":
      return preview(config.content.body);
    case "whatsapp":
      return "body" in config.content
        ? preview(config.content.body)
        : `Template “${config.content.template}” (${config.content.language})`;
    case "email":
      return preview(config.content.subject || config.content.text);
    case "push":
    case "in_app":
      return preview([config.content.title, config.content.body].filter(Boolean).join(" — "));
    case "voice":
      return preview(config.content.say);
    default: {
      const _exhaustive: never = config;
      return _exhaustive;
    }
  }
}

/** When the send takes its `fallback` output. */
export function fallbackCondition(config: SendConfig): string {
  if (!config.await) return "if it cannot be sent → fallback";
  return `if ${MISSED[config.await.outcome]} in ${formatDuration(config.await.within)} → fallback`;
}

/** "Mon–Fri", "Mon, Wed, Sat", "every day". */
export function formatDays(days: readonly (typeof WEEKDAYS)[number][] | undefined): string {
  if (!days || days.length === WEEKDAYS.length) return "every day";
  const indexes = [...new Set(days.map((d) => WEEKDAYS.indexOf(d)))].sort((a, b) => a - b);
  const name = (i: number) => {
    const day = WEEKDAYS[i] ?? "";
    return day.charAt(0).toUpperCase() + day.slice(1);
  };
  const first = indexes[0];
  const last = indexes[indexes.length - 1];
  const contiguous = first !== undefined && last !== undefined && last - first === indexes.length - 1;
  if (contiguous && indexes.length >= 3) return `${name(first)}–${name(last)}`;
  return indexes.map(name).join(", ");
}

export function waitSummary(config: WaitConfig): string {
  switch (config.mode) {
    case "duration":
      return `Wait ${formatDuration(config.duration)}`;
    case "until_time": {
      const zone = config.timezone === "recipient" ? "recipient’s local time" : config.timezone;
      return `Until ${config.at}, ${formatDays(config.days)} (${zone})`;
    }
    case "until_date": {
      if (!config.offset) return `Until ${config.field}`;
      const offset = formatDuration(config.offset);
      return offset.startsWith("-") ? `${offset.slice(1)} before ${config.field}` : `${offset} after ${config.field}`;
    }
    case "until_event":
      return `Until “${config.event}”, at most ${formatDuration(config.timeout)}`;
    default: {
      const _exhaustive: never = config;
      return _exhaustive;
    }
  }
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? "";
}

const OPS: Record<string, string> = {
  eq: "=",
  neq: "≠",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  in: "in",
  contains: "contains",
  exists: "is set",
  not_exists: "is not set",
};

/** A one-line reading of a condition: "profile.country in GB, US, FR and consent WhatsApp marketing". */
export function conditionSummary(c: Condition): string {
  if ("all" in c) return c.all.map(nested).join(" and ");
  if ("any" in c) return c.any.map(nested).join(" or ");
  if ("not" in c) return `not ${nested(c.not)}`;
  if ("field" in c) {
    const op = OPS[c.op] ?? c.op;
    return c.op === "exists" || c.op === "not_exists" ? `${c.field} ${op}` : `${c.field} ${op} ${formatValue(c.value)}`;
  }
  if ("engagement" in c) {
    const e = c.engagement;
    const what = [e.channel ? CHANNEL_LABELS[e.channel] : undefined, e.node ? `“${e.node}”` : undefined].filter(Boolean).join(" ");
    return `${what ? `${what} ` : ""}${e.status}${e.withinHours ? ` within ${e.withinHours} h` : ""}`;
  }
  return `consents to ${CHANNEL_LABELS[c.consent.channel]} ${c.consent.purpose}`;
}

function nested(c: Condition): string {
  return "all" in c || "any" in c ? `(${conditionSummary(c)})` : conditionSummary(c);
}

export function triggerSummary(config: TriggerConfig): string {
  switch (config.kind) {
    case "event":
      return config.event ? `When “${config.event}” happens` : "When an event happens";
    case "api":
      return "When enrolled through the API";
    case "schedule": {
      const when = config.cron ? `On schedule ${config.cron}` : config.at ? `At ${config.at}` : "On a schedule";
      return config.timezone ? `${when} (${config.timezone})` : when;
    }
    default: {
      const _exhaustive: never = config;
      return _exhaustive;
    }
  }
}

export function webhookSummary(config: NodeOf<"webhook">["config"]): string {
  return `${config.method} ${config.url.replace(/^https?:\/\//, "") || "(no URL yet)"}`;
}

export function updateProfileSummary(config: NodeOf<"update_profile">["config"]): string {
  const keys = Object.keys(config.set);
  return keys.length === 0 ? "Sets nothing yet" : `Set ${keys.join(", ")}`;
}
