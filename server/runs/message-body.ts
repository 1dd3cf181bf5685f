/**
 * The text a person reads in a message, whatever its channel: what `GET /messages` and the
 * profile timeline show as `body`. Stored content is the rendered content of the send node
 * (jsonb, so read defensively); a help reply stores `{body}` on whichever channel it answers.
 */
import type { Channel } from "@/server/journey/schema";

export function messageBody(channel: Channel, content: unknown): string {
  const field = (name: string): string | undefined => {
    const value = content && typeof content === "object" ? (content as Record<string, unknown>)[name] : undefined;
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const joined = (...parts: (string | undefined)[]) => parts.filter((p) => p !== undefined).join("\n\n") || undefined;

  let text: string | undefined;
  switch (channel) {
    case "sms":
      text = field("body");
      break;
    case "whatsapp":
      text = field("body") ?? whatsappTemplate(content);
      break;
    case "email":
      text = joined(field("subject"), field("text"));
      break;
    case "push":
    case "in_app":
      text = joined(field("title"), field("body"));
      break;
    case "voice":
      text = field("say");
      break;
    default: {
      const _exhaustive: never = channel;
      throw new Error(`Unknown channel ${String(_exhaustive)}`);
    }
  }
  return text ?? field("body") ?? "";
}

/** A template message has no text of its own here: name it and list its variables. */
function whatsappTemplate(content: unknown): string | undefined {
  const c = content as { template?: unknown; language?: unknown; variables?: unknown } | null;
  if (typeof c?.template !== "string") return undefined;
  const variables = Array.isArray(c.variables) ? c.variables.filter((v): v is string => typeof v === "string") : [];
  const language = typeof c.language === "string" ? ` (${c.language})` : "";
  return `[template ${c.template}${language}]${variables.length > 0 ? ` ${variables.join(" · ")}` : ""}`;
}
