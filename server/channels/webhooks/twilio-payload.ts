/**
 * What a Twilio Messaging webhook says, as the engine's receipts and inbound messages.
 *
 * - A status callback carries `MessageSid` + `MessageStatus`. Only the statuses the engine acts
 *   on become receipts; the intermediate ones (`queued`, `sending`, `sent`, `accepted`…) are
 *   acknowledged and ignored, since dispatch already recorded `sent` itself.
 * - An incoming message carries `From`, `To`, `Body` and no `MessageStatus`; `whatsapp:`
 *   addresses are WhatsApp, the rest SMS.
 *
 * Twilio sends no event id and no timestamp. A message reaches each status once, so
 * `<MessageSid>:<MessageStatus>` identifies a report (a retried or replayed callback carries the
 * same pair), and the time of a report is when it arrived.
 */
import type { ReceiptStatus } from "@/server/journey/run-state";
import type { ParsedWebhook } from "./parsed-webhook";
import type { FormParams } from "./twilio-signature";

const RECEIPT_STATUS: Record<string, ReceiptStatus> = {
  delivered: "delivered",
  undelivered: "undelivered",
  failed: "failed",
  read: "read",
};

export function parseTwilioWebhook(params: FormParams, receivedAt: Date): ParsedWebhook {
  const get = (name: string) => params.find(([n]) => n === name)?.[1];
  const sid = get("MessageSid") ?? get("SmsMessageSid") ?? get("SmsSid");
  if (!sid) return { kind: "ignored", reason: "not a messaging webhook (no MessageSid)" };

  const status = get("MessageStatus");
  if (status !== undefined) {
    const mapped = RECEIPT_STATUS[status.toLowerCase()];
    if (!mapped) return { kind: "ignored", reason: `status "${status}" is not a receipt the engine acts on` };
    const errorCode = get("ErrorCode");
    return {
      kind: "receipt",
      receipt: {
        providerEventId: `${sid}:${status.toLowerCase()}`,
        providerMessageId: sid,
        status: mapped,
        at: receivedAt,
        ...(errorCode ? { errorCode } : {}),
      },
    };
  }

  const from = get("From");
  const body = get("Body");
  if (!from || body === undefined) return { kind: "ignored", reason: "an incoming message needs From and Body" };
  const to = get("To");
  return {
    kind: "inbound",
    inbound: {
      providerEventId: sid,
      channel: isWhatsapp(from) ? "whatsapp" : "sms",
      from: stripChannelPrefix(from),
      ...(to ? { to: stripChannelPrefix(to) } : {}),
      text: body,
      at: receivedAt,
    },
  };
}

function isWhatsapp(address: string): boolean {
  return address.toLowerCase().startsWith("whatsapp:");
}

function stripChannelPrefix(address: string): string {
  return address.replace(/^whatsapp:/i, "");
}
