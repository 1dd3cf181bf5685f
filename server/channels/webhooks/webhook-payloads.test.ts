import { describe, expect, it } from "vitest";
import { parseMetaWebhook } from "./meta-payload";
import { parseTwilioWebhook } from "./twilio-payload";

const now = new Date("2025-03-01T12:00:00Z");

describe("parseTwilioWebhook", () => {
  const callback = (status: string, extra: [string, string][] = []): [string, string][] => [
    ["MessageSid", "SM123"],
    ["MessageStatus", status],
    ["SmsStatus", status],
    ["AccountSid", "AC1"],
    ["From", "+15005550006"],
    ["To", "+447400900001"],
    ...extra,
  ];

  it.each([
    ["delivered", "delivered"],
    ["undelivered", "undelivered"],
    ["failed", "failed"],
    ["read", "read"],
  ] as const)("maps the %s status callback to a %s receipt", (twilioStatus, status) => {
    expect(parseTwilioWebhook(callback(twilioStatus), now)).toEqual({
      kind: "receipt",
      receipt: { providerEventId: `SM123:${twilioStatus}`, providerMessageId: "SM123", status, at: now },
    });
  });

  it("keeps the error code of a failure", () => {
    const parsed = parseTwilioWebhook(callback("undelivered", [["ErrorCode", "30003"]]), now);
    expect(parsed.kind === "receipt" && parsed.receipt.errorCode).toBe("30003");
  });

  it.each(["queued", "sending", "sent", "accepted", "scheduled", "canceled", "partially_delivered"])("ignores the %s status", (status) => {
    expect(parseTwilioWebhook(callback(status), now).kind).toBe("ignored");
  });

  it.each([
    ["+447400900001", "sms", "+447400900001"],
    ["whatsapp:+447400900001", "whatsapp", "+447400900001"],
  ] as const)("reads an incoming message from %s as %s", (from, channel, address) => {
    const parsed = parseTwilioWebhook(
      [
        ["MessageSid", "SM999"],
        ["SmsStatus", "received"],
        ["From", from],
        ["To", "whatsapp:+15005550006"],
        ["Body", "STOP"],
      ],
      now,
    );
    expect(parsed).toEqual({
      kind: "inbound",
      inbound: { providerEventId: "SM999", channel, from: address, to: "+15005550006", text: "STOP", at: now },
    });
  });

  it("ignores calls that are not messaging webhooks", () => {
    expect(parseTwilioWebhook([["CallSid", "CA1"], ["CallStatus", "completed"]], now).kind).toBe("ignored");
    expect(parseTwilioWebhook([["MessageSid", "SM1"]], now).kind).toBe("ignored");
  });
});

describe("parseMetaWebhook", () => {
  const envelope = (value: Record<string, unknown>, field = "messages") => ({
    object: "whatsapp_business_account",
    entry: [{ id: "WABA", changes: [{ field, value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550001111", phone_number_id: "1" }, ...value } }] }],
  });

  it("turns statuses into receipts with Meta's timestamps, ignoring sent", () => {
    const items = parseMetaWebhook(
      envelope({
        statuses: [
          { id: "wamid.A", status: "sent", timestamp: "1740830400", recipient_id: "447400900001" },
          { id: "wamid.A", status: "delivered", timestamp: "1740830401", recipient_id: "447400900001" },
          { id: "wamid.B", status: "read", timestamp: "1740830402", recipient_id: "447400900002" },
          { id: "wamid.C", status: "failed", timestamp: "1740830403", errors: [{ code: 131047, title: "Re-engagement message" }] },
        ],
      }),
      now,
    );
    expect(items).toEqual([
      { kind: "ignored", reason: 'status "sent" is not a receipt the engine acts on' },
      { kind: "receipt", receipt: { providerEventId: "wamid.A:delivered", providerMessageId: "wamid.A", status: "delivered", at: new Date(1740830401_000) } },
      { kind: "receipt", receipt: { providerEventId: "wamid.B:read", providerMessageId: "wamid.B", status: "read", at: new Date(1740830402_000) } },
      {
        kind: "receipt",
        receipt: { providerEventId: "wamid.C:failed", providerMessageId: "wamid.C", status: "failed", at: new Date(1740830403_000), errorCode: "131047" },
      },
    ]);
  });

  it.each([
    [{ type: "text", text: { body: "STOP" } }, "STOP"],
    [{ type: "button", button: { text: "Confirm", payload: "c" } }, "Confirm"],
    [{ type: "interactive", interactive: { type: "button_reply", button_reply: { id: "y", title: "Yes" } } }, "Yes"],
    [{ type: "interactive", interactive: { type: "list_reply", list_reply: { id: "2", title: "Tuesday" } } }, "Tuesday"],
    [{ type: "image", image: { id: "m1", caption: "my receipt" } }, "my receipt"],
    [{ type: "sticker", sticker: { id: "s1" } }, "[sticker]"],
  ])("reads an incoming %j as %s", (message, text) => {
    const items = parseMetaWebhook(envelope({ messages: [{ id: "wamid.IN", from: "447400900001", timestamp: "1740830400", ...message }] }), now);
    expect(items).toEqual([
      {
        kind: "inbound",
        inbound: { providerEventId: "wamid.IN", channel: "whatsapp", from: "+447400900001", to: "+15550001111", text, at: new Date(1740830400_000) },
      },
    ]);
  });

  it("ignores other objects, other fields and malformed items", () => {
    expect(parseMetaWebhook({ object: "page", entry: [] }, now).map((i) => i.kind)).toEqual(["ignored"]);
    expect(parseMetaWebhook("nonsense", now).map((i) => i.kind)).toEqual(["ignored"]);
    expect(parseMetaWebhook(envelope({}, "message_template_status_update"), now).map((i) => i.kind)).toEqual(["ignored"]);
    expect(parseMetaWebhook(envelope({ statuses: [{ status: "read" }], messages: [{ id: "x" }] }), now).map((i) => i.kind)).toEqual([
      "ignored",
      "ignored",
    ]);
  });

  it("uses the arrival time when a timestamp is missing", () => {
    const [item] = parseMetaWebhook(envelope({ statuses: [{ id: "wamid.D", status: "delivered" }] }), now);
    expect(item?.kind === "receipt" && item.receipt.at).toEqual(now);
  });
});
