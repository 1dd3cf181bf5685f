/**
 * Which receipts the sandbox reports for one message, and when. Pure, so the simulator-like
 * behaviour is easy to test and to read.
 */
import type { ReceiptStatus } from "@/server/journey/run-state";
import type { Channel } from "@/server/journey/schema";

export const SANDBOX_OUTCOMES = ["delivered", "read", "opened", "clicked", "replied", "answered", "failed", "undelivered", "no_receipt"] as const;
export type SandboxScriptedOutcome = (typeof SANDBOX_OUTCOMES)[number];

export const DEFAULT_DELIVERY_MS = 1_000;
const ENGAGEMENT_GAP_MS = 1_000;

/** The engagement a channel reports after delivery by default, if any. */
const DEFAULT_ENGAGEMENT: Partial<Record<Channel, ReceiptStatus>> = {
  whatsapp: "read",
  push: "read",
  in_app: "read",
  email: "opened",
};

export type PlannedReceipt = { status: ReceiptStatus; afterMs: number };

export function sandboxReceiptPlan(
  channel: Channel,
  script: { outcome: SandboxScriptedOutcome; afterMs: number } | null,
): PlannedReceipt[] {
  if (!script) {
    const engagement = DEFAULT_ENGAGEMENT[channel];
    const delivered = { status: "delivered" as const, afterMs: DEFAULT_DELIVERY_MS };
    return engagement ? [delivered, { status: engagement, afterMs: DEFAULT_DELIVERY_MS + ENGAGEMENT_GAP_MS }] : [delivered];
  }
  switch (script.outcome) {
    case "no_receipt":
      return [];
    case "failed":
    case "undelivered":
    case "delivered":
      return [{ status: script.outcome, afterMs: script.afterMs }];
    default: {
      // An engagement implies delivery first; scripting it sets when the engagement happens.
      const deliveredAt = Math.min(DEFAULT_DELIVERY_MS, script.afterMs);
      return [
        { status: "delivered", afterMs: deliveredAt },
        { status: script.outcome, afterMs: Math.max(script.afterMs, deliveredAt) },
      ];
    }
  }
}
