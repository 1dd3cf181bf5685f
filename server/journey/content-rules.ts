/**
 * Static rules on what nodes say: send content and its Liquid templates, what a channel can
 * report back, and the SMS habits that cost money or trust (segments, UCS-2, opt-out wording).
 */
import { analyzeSms, smartReplacement } from "@/server/channels/sms/segments";
import type { Findings } from "./graph-rules";
import { nodeName } from "./issue";
import { parseTemplate } from "./liquid";
import { CHANNEL_OUTCOMES, type Journey, type JourneyNode, type NodeOf, type SendConfig } from "./schema";

/** More segments than this is usually a mistake: each one is billed as a separate SMS. */
const MAX_SMS_SEGMENTS = 3;
/** "Reply STOP", "STOP au 36xxx", "opt out", "unsubscribe", in any case. */
const OPT_OUT_WORDING = /\b(stop|unsubscribe)\b|\bopt[\s-]?out\b/i;
const LIQUID_MARKUP = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

type Path = (string | number)[];
type TemplateField = { path: Path; label: string; src: string };

export function checkContent(journey: Journey, findings: Findings): void {
  journey.nodes.forEach((node, index) => {
    const at: Path = ["nodes", index, "config"];
    for (const field of templateFields(node, at)) {
      const parsed = parseTemplate(field.src);
      if (!parsed.ok) {
        findings.errors.push({
          code: "template_invalid",
          message: `Node ${nodeName(node)}: the ${field.label} template does not parse: ${parsed.message}.`,
          nodeId: node.id,
          path: field.path,
        });
      }
    }
    if (node.type === "send") checkSend(journey, node, at, findings);
  });
}

/** Every string the interpreter renders with Liquid, with a name for messages. */
export function templateFields(node: JourneyNode, at: Path = []): TemplateField[] {
  switch (node.type) {
    case "send":
      return Object.entries(node.config.content).flatMap(([key, value]): TemplateField[] => {
        const path = [...at, "content", key];
        if (typeof value === "string") return [{ path, label: fieldLabel(key), src: value }];
        if (Array.isArray(value)) {
          return value.map((src, i) => ({ path: [...path, i], label: `variable ${i + 1}`, src }));
        }
        return [];
      });
    case "update_profile":
      return Object.entries(node.config.set).flatMap(([attr, value]) =>
        typeof value === "string" ? [{ path: [...at, "set", attr], label: `“${attr}” value`, src: value }] : [],
      );
    case "webhook":
      return [
        { path: [...at, "url"], label: "URL", src: node.config.url },
        ...(node.config.body === undefined ? [] : [{ path: [...at, "body"], label: "body", src: node.config.body }]),
        ...Object.entries(node.config.headers ?? {}).map(([name, src]) => ({
          path: [...at, "headers", name],
          label: `“${name}” header`,
          src,
        })),
      ];
    case "trigger":
    case "wait":
    case "branch":
    case "split":
    case "exit":
      return [];
    default: {
      const _exhaustive: never = node;
      return _exhaustive;
    }
  }
}

function fieldLabel(key: string): string {
  return key === "template" ? "template name" : key === "html" ? "HTML" : key;
}

/** The fields a send cannot go without, per channel. */
function requiredFields(config: SendConfig): string[] {
  switch (config.channel) {
    case "sms":
      return ["body"];
    case "whatsapp":
      return "template" in config.content ? ["template"] : ["body"];
    case "email":
      return ["subject", "text"];
    case "push":
    case "in_app":
      return ["title", "body"];
    case "voice":
      return ["say"];
    default: {
      const _exhaustive: never = config;
      return _exhaustive;
    }
  }
}

function checkSend(journey: Journey, node: NodeOf<"send">, at: Path, { errors, warnings }: Findings): void {
  const { config } = node;
  const content: Record<string, unknown> = config.content;
  const issue = (path: Path) => ({ nodeId: node.id, path });

  for (const field of requiredFields(config)) {
    const value = content[field];
    if (typeof value !== "string" || value.trim() === "") {
      errors.push({
        code: "content_empty",
        message: `Node ${nodeName(node)}: the ${fieldLabel(field)} is empty.`,
        ...issue([...at, "content", field]),
      });
    }
  }

  if (config.await && !CHANNEL_OUTCOMES[config.channel].includes(config.await.outcome)) {
    const supported = CHANNEL_OUTCOMES[config.channel].map((o) => `“${o}”`).join(", ");
    errors.push({
      code: "await_outcome_unsupported",
      message: `Node ${nodeName(node)}: ${channelName(config.channel)} cannot report “${config.await.outcome}”; wait for ${supported}.`,
      ...issue([...at, "await", "outcome"]),
    });
  }
  if (config.await && !journey.edges.some((e) => e.source === node.id && e.sourceHandle === "fallback")) {
    warnings.push({
      code: "await_fallback_unconnected",
      message: `Node ${nodeName(node)} waits for “${config.await.outcome}”, but its fallback has no edge: a run that misses it goes on through next as if it had succeeded.`,
      ...issue([...at, "await"]),
    });
  }

  const purpose = config.purpose ?? journey.purpose;
  if (purpose === "marketing" && config.urgent) {
    warnings.push({
      code: "marketing_urgent",
      message: `Node ${nodeName(node)}: urgent only lets transactional messages (codes, security alerts) through quiet hours; a marketing send is still held.`,
      ...issue([...at, "urgent"]),
    });
  }

  if (config.channel === "sms" && config.content.body.trim() !== "") {
    checkSmsBody(config.content.body, purpose === "marketing", (warning) =>
      warnings.push({
        code: warning.code,
        message: `Node ${nodeName(node)}: ${warning.message}`,
        ...issue([...at, "content", "body"]),
      }),
    );
  }
}

function checkSmsBody(body: string, marketing: boolean, warn: (w: { code: string; message: string }) => void): void {
  // Measured on the template as written: values filled in at send time change the length a little.
  const sms = analyzeSms(body);
  if (sms.segments > MAX_SMS_SEGMENTS) {
    warn({
      code: "sms_segments",
      message: `this SMS is about ${sms.segments} segments (${sms.encoding}, ${sms.units} characters), each billed as one SMS; keep it to ${MAX_SMS_SEGMENTS}.`,
    });
  }
  if (sms.encoding === "UCS-2" && isStrayUnicode(body, sms.nonGsmChars)) {
    const chars = sms.nonGsmChars.map((c) => `“${c}”`).join(", ");
    const plain = sms.nonGsmChars.reduce((text, c) => text.split(c).join(smartReplacement(c) ?? ""), body);
    const fixes = sms.nonGsmChars.flatMap((c) => {
      const replacement = smartReplacement(c);
      return replacement === undefined ? [] : [`${c} with ${replacement}`];
    });
    const gsmSegments = analyzeSms(plain).segments;
    const cost = gsmSegments < sms.segments ? ` (${sms.segments} segments instead of ${gsmSegments})` : "";
    warn({
      code: "sms_unicode",
      message: `${chars} ${sms.nonGsmChars.length === 1 ? "switches" : "switch"} this SMS to UCS-2: 70 characters a segment instead of 160${cost}.${fixes.length > 0 ? ` Replace ${fixes.join(", ")}.` : ""}`,
    });
  }
  if (marketing && !OPT_OUT_WORDING.test(body)) {
    warn({
      code: "sms_opt_out_missing",
      message: "a marketing SMS should tell people how to opt out, e.g. “Reply STOP to opt out” (France: “STOP au 36xxx”).",
    });
  }
}

/**
 * UCS-2 by accident rather than by language: a few distinct non-GSM characters (a curly quote, an
 * emoji) in text that is otherwise GSM-7. Cyrillic, Chinese or Arabic text is UCS-2 on purpose.
 */
function isStrayUnicode(body: string, nonGsmChars: readonly string[]): boolean {
  if (nonGsmChars.length > 3) return false;
  const text = body.replace(LIQUID_MARKUP, "");
  const graphemes = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)].map((s) => s.segment);
  const stray = graphemes.filter((g) => nonGsmChars.includes(g)).length;
  return stray > 0 && stray * 2 < graphemes.length;
}

function channelName(channel: SendConfig["channel"]): string {
  const names: Record<SendConfig["channel"], string> = {
    sms: "SMS",
    whatsapp: "WhatsApp",
    email: "Email",
    push: "Push",
    in_app: "In-app",
    voice: "Voice",
  };
  return names[channel];
}
