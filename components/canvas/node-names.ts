/**
 * How a node is named where there is no room for its card: the accessible name screen readers
 * announce for a canvas node ("Send SMS: SMS safety net", "Wait 5 min", "Trigger: order_placed")
 * and the one line a node shows when zoomed far out.
 */
import type { JourneyNode } from "@/server/journey/schema";
import { CHANNEL_LABELS, sendPreview, updateProfileSummary, waitSummary, webhookSummary } from "./node-summary";

function named(kind: string, detail: string | undefined): string {
  return detail ? `${kind}: ${detail}` : kind;
}

/** What a step is and which one: its label when it has one, else what it does. */
export function nodeAccessibleName(node: JourneyNode): string {
  const { label } = node;
  switch (node.type) {
    case "trigger": {
      const { config } = node;
      const what = config.kind === "event" ? config.event : config.kind === "api" ? "API enrolment" : "schedule";
      return named("Trigger", label ?? what);
    }
    case "wait":
      return label ? named("Wait", label) : waitSummary(node.config);
    case "send":
      return named(`Send ${CHANNEL_LABELS[node.config.channel]}`, label ?? sendPreview(node.config));
    case "branch":
      return named("Branch", label ?? node.config.cases.map((c) => c.name).join(", "));
    case "split":
      return named("A/B split", label ?? node.config.variants.map((v) => `${v.name} ${v.percent}%`).join(", "));
    case "update_profile":
      return named("Update profile", label ?? updateProfileSummary(node.config));
    case "webhook":
      return named("Webhook", label ?? webhookSummary(node.config));
    case "exit":
      return named("Exit", label);
    default: {
      const _exhaustive: never = node;
      return _exhaustive;
    }
  }
}
