/**
 * What a WhatsApp Cloud API webhook says, as the engine's receipts and inbound messages.
 *
 * Shape: `{object: "whatsapp_business_account", entry: [{changes: [{field: "messages",
 * value: {statuses?: […], messages?: […]}}]}]}`; one call may carry several of each.
 * - statuses: `{id: wamid, status: sent|delivered|read|failed, timestamp, errors?}`. `sent` is
 *   ignored (dispatch recorded it); a message may go straight to `read` and arrive out of
 *   order, which the receipts inbox handles. Meta gives no event id; a message reaches each
 *   status once, so `<wamid>:<status>` identifies a report.
 * - messages: `{from: digits without "+", id: wamid, timestamp, type, text?: {body}, …}`.
 *   Button and list replies read as their title; media as its caption, else `[<type>]`.
 * Anything else in a signed call (another `field`, an unknown shape) is acknowledged and
 * ignored, so Meta does not retry it forever.
 */
import { z } from "zod";
import type { ReceiptStatus } from "@/server/journey/run-state";
import type { ParsedWebhook } from "./parsed-webhook";

const RECEIPT_STATUS: Record<string, ReceiptStatus> = { delivered: "delivered", read: "read", failed: "failed" };

const StatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  errors: z.array(z.looseObject({ code: z.union([z.number(), z.string()]).optional() })).optional(),
});

const MessageSchema = z.looseObject({
  id: z.string().min(1),
  from: z.string().min(1),
  timestamp: z.string().optional(),
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  button: z.looseObject({ text: z.string() }).optional(),
  interactive: z
    .looseObject({
      button_reply: z.looseObject({ title: z.string() }).optional(),
      list_reply: z.looseObject({ title: z.string() }).optional(),
    })
    .optional(),
  image: z.looseObject({ caption: z.string().optional() }).optional(),
  video: z.looseObject({ caption: z.string().optional() }).optional(),
  document: z.looseObject({ caption: z.string().optional() }).optional(),
});

const PayloadSchema = z.looseObject({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.looseObject({
      changes: z.array(
        z.looseObject({
          field: z.string(),
          value: z
            .looseObject({
              metadata: z.looseObject({ display_phone_number: z.string().optional() }).optional(),
              statuses: z.array(z.unknown()).optional(),
              messages: z.array(z.unknown()).optional(),
            })
            .optional(),
        }),
      ),
    }),
  ),
});

export function parseMetaWebhook(body: unknown, receivedAt: Date): ParsedWebhook[] {
  const payload = PayloadSchema.safeParse(body);
  if (!payload.success) return [{ kind: "ignored", reason: "not a whatsapp_business_account payload" }];
  const items: ParsedWebhook[] = [];
  for (const change of payload.data.entry.flatMap((e) => e.changes)) {
    if (change.field !== "messages" || !change.value) {
      items.push({ kind: "ignored", reason: `field "${change.field}"` });
      continue;
    }
    const to = change.value.metadata?.display_phone_number;
    for (const raw of change.value.statuses ?? []) items.push(statusItem(raw, receivedAt));
    for (const raw of change.value.messages ?? []) items.push(messageItem(raw, to, receivedAt));
  }
  return items;
}

function statusItem(raw: unknown, receivedAt: Date): ParsedWebhook {
  const parsed = StatusSchema.safeParse(raw);
  if (!parsed.success) return { kind: "ignored", reason: "a status without id" };
  const s = parsed.data;
  const mapped = RECEIPT_STATUS[s.status];
  if (!mapped) return { kind: "ignored", reason: `status "${s.status}" is not a receipt the engine acts on` };
  const code = s.errors?.[0]?.code;
  return {
    kind: "receipt",
    receipt: {
      providerEventId: `${s.id}:${s.status}`,
      providerMessageId: s.id,
      status: mapped,
      at: instant(s.timestamp, receivedAt),
      ...(code !== undefined ? { errorCode: String(code) } : {}),
    },
  };
}

function messageItem(raw: unknown, to: string | undefined, receivedAt: Date): ParsedWebhook {
  const parsed = MessageSchema.safeParse(raw);
  if (!parsed.success) return { kind: "ignored", reason: "a message without id or sender" };
  const m = parsed.data;
  const text =
    m.text?.body ??
    m.button?.text ??
    m.interactive?.button_reply?.title ??
    m.interactive?.list_reply?.title ??
    m.image?.caption ??
    m.video?.caption ??
    m.document?.caption ??
    `[${m.type}]`;
  return {
    kind: "inbound",
    inbound: {
      providerEventId: m.id,
      channel: "whatsapp",
      from: withPlus(m.from),
      ...(to ? { to: withPlus(to) } : {}),
      text,
      at: instant(m.timestamp, receivedAt),
    },
  };
}

/** WhatsApp ids are the number's digits without "+"; profiles store E.164. */
function withPlus(number: string): string {
  const digits = number.replace(/[^\d]/g, "");
  return digits ? `+${digits}` : number;
}

/** Meta timestamps are Unix seconds, as strings. */
function instant(seconds: string | undefined, fallback: Date): Date {
  const n = Number(seconds);
  return seconds && Number.isFinite(n) && n > 0 ? new Date(n * 1000) : fallback;
}
