/** Provider webhooks: signed calls are applied once; unsigned, tampered or foreign ones change nothing. */
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelProviders, consents, inboundMessages, messageReceipts, messages } from "@/db/schema";
import { makeProfile, makeWorkspace } from "@/db/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { computeMetaSignature } from "@/server/channels/webhooks/meta-signature";
import { computeTwilioSignature } from "@/server/channels/webhooks/twilio-signature";
import type { Channel } from "@/server/journey/schema";
import { receiveWebhook, verifyWebhookSubscription } from "./provider-webhook";

let t: TestDatabase;
let ws: string;
let otherWs: string;
let profile: { id: string; phone: string };

const TWILIO_TOKEN = "twilio-auth-token-A";
const OTHER_TWILIO_TOKEN = "twilio-auth-token-B";
const META_SECRET = "meta-app-secret";
const VERIFY_TOKEN = "verify-me-please";

beforeAll(async () => {
  t = await createTestDatabase();
  ws = (await makeWorkspace(t.db)).id;
  otherWs = (await makeWorkspace(t.db)).id;
  await t.db.insert(channelProviders).values([
    { workspaceId: ws, channel: "sms", provider: "twilio", config: { authToken: TWILIO_TOKEN, accountSid: "AC1" } },
    { workspaceId: ws, channel: "voice", provider: "twilio", config: { authToken: TWILIO_TOKEN, accountSid: "AC1" } },
    { workspaceId: ws, channel: "whatsapp", provider: "meta-whatsapp", config: { appSecret: META_SECRET, verifyToken: VERIFY_TOKEN } },
    { workspaceId: otherWs, channel: "sms", provider: "twilio", config: { authToken: OTHER_TWILIO_TOKEN } },
  ]);
  const p = await makeProfile(t.db, ws, { phone: "+447400900777", whatsapp: "+447400900777" });
  profile = { id: p.id, phone: p.phone! };
});
afterAll(() => t.drop());

async function sentMessage(provider: string, channel: Channel) {
  const providerMessageId = `${provider === "twilio" ? "SM" : "wamid."}${randomBytes(8).toString("hex")}`;
  const [row] = await t.db
    .insert(messages)
    .values({
      workspaceId: ws,
      profileId: profile.id,
      channel,
      purpose: "transactional",
      to: profile.phone,
      content: { body: "Hello" },
      status: "sent",
      statusHistory: [{ status: "sent", at: new Date().toISOString() }],
      provider,
      providerMessageId,
      idempotencyKey: `test:${providerMessageId}`,
    })
    .returning();
  return row!;
}

const messageRow = async (id: string) => (await t.db.select().from(messages).where(eq(messages.id, id)))[0]!;
const receiptCount = async (messageId: string) =>
  (await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(messageReceipts).where(eq(messageReceipts.messageId, messageId)))[0]!.n;
const optOuts = async () =>
  (await t.db.select().from(consents).where(and(eq(consents.profileId, profile.id), eq(consents.status, "opted_out")))).length;

const webhookUrl = (provider: string, workspace: string | null = ws, base = "https://hooks.example.com") =>
  `${base}/api/webhooks/${provider}${workspace === null ? "" : `?workspace=${workspace}`}`;

function twilioRequest(
  params: [string, string][],
  options: { token?: string; url?: string; signedUrl?: string; signature?: string | null; sentParams?: [string, string][]; headers?: Record<string, string> } = {},
) {
  const url = options.url ?? webhookUrl("twilio");
  const signature = options.signature === undefined ? computeTwilioSignature(options.token ?? TWILIO_TOKEN, options.signedUrl ?? url, params) : options.signature;
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(signature !== null ? { "x-twilio-signature": signature } : {}),
      ...options.headers,
    },
    body: new URLSearchParams(options.sentParams ?? params).toString(),
  });
}

function metaRequest(payload: unknown, options: { secret?: string; signature?: string | null; sentBody?: string; workspace?: string } = {}) {
  const raw = JSON.stringify(payload);
  const signature = options.signature === undefined ? computeMetaSignature(options.secret ?? META_SECRET, raw) : options.signature;
  return new Request(webhookUrl("meta-whatsapp", options.workspace ?? ws), {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature !== null ? { "x-hub-signature-256": signature } : {}) },
    body: options.sentBody ?? raw,
  });
}

const post = (req: Request, provider: string) => receiveWebhook(req, provider, { db: t.db });
const statusCallback = (sid: string, status: string): [string, string][] => [
  ["AccountSid", "AC1"],
  ["From", "+15005550006"],
  ["MessageSid", sid],
  ["MessageStatus", status],
  ["SmsSid", sid],
  ["SmsStatus", status],
  ["To", profile.phone],
];

describe("Twilio status callbacks", () => {
  it("applies a signed receipt once; a replay is acknowledged and changes nothing", async () => {
    const m = await sentMessage("twilio", "sms");
    const params = statusCallback(m.providerMessageId!, "delivered");
    const first = await post(twilioRequest(params), "twilio");
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ results: [{ kind: "receipt", result: "applied" }] });
    const after = await messageRow(m.id);
    expect(after.status).toBe("delivered");

    const replay = await post(twilioRequest(params), "twilio");
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ results: [{ kind: "receipt", result: "duplicate" }] });
    expect((await messageRow(m.id)).statusHistory).toEqual(after.statusHistory);
    expect(await receiptCount(m.id)).toBe(1);
  });

  it.each([
    ["unsigned", 401, { signature: null }],
    ["signed with another token", 403, { token: "not-the-token" }],
    ["tampered after signing", 403, { tamper: true }],
    ["signed by another workspace's token", 403, { token: OTHER_TWILIO_TOKEN }],
    ["signed with this workspace's token but sent to another workspace's URL", 403, { otherWorkspace: true }],
    ["signed for another URL", 403, { signedUrl: "https://evil.example.com/api/webhooks/twilio" }],
  ] as const)("refuses a call %s (%i) and changes nothing", async (_name, status, options) => {
    const m = await sentMessage("twilio", "sms");
    const params = statusCallback(m.providerMessageId!, "undelivered");
    const { tamper, otherWorkspace, ...rest } = { tamper: false, otherWorkspace: false, ...options };
    const req = twilioRequest(params, {
      ...rest,
      ...(tamper ? { sentParams: statusCallback(m.providerMessageId!, "delivered") } : {}),
      ...(otherWorkspace ? { url: webhookUrl("twilio", otherWs) } : {}),
    });
    const answer = await post(req, "twilio");
    expect(answer.status).toBe(status);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(status === 401 ? "UNAUTHORIZED" : "FORBIDDEN");
    expect((await messageRow(m.id)).status).toBe("sent");
    expect(await receiptCount(m.id)).toBe(0);
  });

  it("accepts the public URL behind a proxy, and the default port", async () => {
    const m = await sentMessage("twilio", "sms");
    const params = statusCallback(m.providerMessageId!, "delivered");
    const proxied = twilioRequest(params, {
      url: webhookUrl("twilio", ws, "http://127.0.0.1:3000"),
      signedUrl: webhookUrl("twilio"),
      headers: { "x-forwarded-proto": "https", "x-forwarded-host": "hooks.example.com" },
    });
    expect((await post(proxied, "twilio")).status).toBe(200);
    const m2 = await sentMessage("twilio", "sms");
    const withPort = twilioRequest(statusCallback(m2.providerMessageId!, "failed"), { signedUrl: webhookUrl("twilio", ws, "https://hooks.example.com:443") });
    expect((await post(withPort, "twilio")).status).toBe(200);
    expect([(await messageRow(m.id)).status, (await messageRow(m2.id)).status]).toEqual(["delivered", "failed"]);
  });

  it("acknowledges statuses the engine does not act on", async () => {
    const m = await sentMessage("twilio", "sms");
    const answer = await post(twilioRequest(statusCallback(m.providerMessageId!, "sent")), "twilio");
    expect(await answer.json()).toEqual({ results: [{ kind: "ignored", reason: expect.stringContaining("sent") }] });
    expect(await receiptCount(m.id)).toBe(0);
  });
});

describe("Twilio incoming messages", () => {
  it("opts the sender out on STOP, once per message, and answers with empty TwiML", async () => {
    const sid = `SM${randomBytes(8).toString("hex")}`;
    const params: [string, string][] = [
      ["MessageSid", sid],
      ["SmsStatus", "received"],
      ["From", profile.phone],
      ["To", "+15005550006"],
      ["Body", "Stop"],
      ["NumMedia", "0"],
    ];
    const before = await optOuts();
    const answer = await post(twilioRequest(params), "twilio");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/xml");
    expect(await answer.text()).toContain("<Response></Response>");
    expect(await optOuts()).toBe(before + 2);

    expect((await post(twilioRequest(params), "twilio")).status).toBe(200);
    expect(await optOuts()).toBe(before + 2);
    expect(await t.db.select().from(inboundMessages).where(and(eq(inboundMessages.workspaceId, ws), eq(inboundMessages.text, "Stop")))).toHaveLength(1);
  });
});

describe("Meta WhatsApp webhooks", () => {
  const envelope = (value: Record<string, unknown>) => ({
    object: "whatsapp_business_account",
    entry: [{ id: "WABA", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550001111" }, ...value } }] }],
  });
  const statuses = (wamid: string, ...list: string[]) =>
    envelope({ statuses: list.map((status, i) => ({ id: wamid, status, timestamp: String(1_740_000_000 + i), recipient_id: "447400900777" })) });

  it("applies signed statuses once", async () => {
    const m = await sentMessage("meta-whatsapp", "whatsapp");
    const payload = statuses(m.providerMessageId!, "sent", "delivered", "read");
    const answer = await post(metaRequest(payload), "meta-whatsapp");
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { results: { kind: string; result?: string }[] }).results.map((r) => r.result ?? r.kind)).toEqual([
      "ignored",
      "applied",
      "applied",
    ]);
    expect((await messageRow(m.id)).status).toBe("read");

    const replay = await post(metaRequest(payload), "meta-whatsapp");
    expect(((await replay.json()) as { results: { result?: string }[] }).results.map((r) => r.result)).toEqual([undefined, "duplicate", "duplicate"]);
    expect(await receiptCount(m.id)).toBe(2);
  });

  it.each([
    ["unsigned", 401, { signature: null }],
    ["signed with another secret", 403, { secret: "other-secret" }],
    ["tampered after signing", 403, { tamper: true }],
    ["sent to a workspace without Meta settings", 403, { otherWorkspace: true }],
  ] as const)("refuses a call %s (%i) and changes nothing", async (_name, status, options) => {
    const m = await sentMessage("meta-whatsapp", "whatsapp");
    const payload = statuses(m.providerMessageId!, "delivered");
    const { tamper, otherWorkspace, ...rest } = { tamper: false, otherWorkspace: false, ...options };
    const req = metaRequest(payload, {
      ...rest,
      ...(otherWorkspace ? { workspace: otherWs } : {}),
      ...(tamper ? { sentBody: JSON.stringify(statuses(m.providerMessageId!, "read")) } : {}),
    });
    expect((await post(req, "meta-whatsapp")).status).toBe(status);
    expect((await messageRow(m.id)).status).toBe("sent");
    expect(await receiptCount(m.id)).toBe(0);
  });

  it("takes a reply from the profile's WhatsApp number, once", async () => {
    const wamid = `wamid.${randomBytes(8).toString("hex")}`;
    const payload = envelope({
      contacts: [{ wa_id: "447400900777", profile: { name: "Sam" } }],
      messages: [{ id: wamid, from: "447400900777", timestamp: "1740000000", type: "text", text: { body: "Thanks, see you then" } }],
    });
    const answer = await post(metaRequest(payload), "meta-whatsapp");
    expect(await answer.json()).toEqual({ results: [{ kind: "inbound", result: "other" }] });
    const replay = await post(metaRequest(payload), "meta-whatsapp");
    expect(await replay.json()).toEqual({ results: [{ kind: "inbound", result: "duplicate" }] });
    const rows = await t.db.select().from(inboundMessages).where(eq(inboundMessages.text, "Thanks, see you then"));
    expect(rows.map((r) => [r.channel, r.from, r.profileId])).toEqual([["whatsapp", "+447400900777", profile.id]]);
  });

  it("answers the subscription handshake only with the right verify token", async () => {
    const handshake = (token: string, mode = "subscribe") =>
      verifyWebhookSubscription(
        new Request(`${webhookUrl("meta-whatsapp")}&hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`),
        "meta-whatsapp",
        { db: t.db },
      );
    const ok = await handshake(VERIFY_TOKEN);
    expect([ok.status, await ok.text()]).toEqual([200, "1158201444"]);
    expect((await handshake("guess")).status).toBe(403);
    expect((await handshake(VERIFY_TOKEN, "unsubscribe")).status).toBe(403);
  });
});

describe("webhook URLs", () => {
  it("needs the workspace in the URL and a known provider", async () => {
    const missing = await post(new Request(webhookUrl("twilio", null), { method: "POST", body: "" }), "twilio");
    expect(missing.status).toBe(400);
    const bad = await post(new Request(`${webhookUrl("twilio", null)}?workspace=ws-1`, { method: "POST", body: "" }), "twilio");
    expect(bad.status).toBe(400);
    expect((await post(new Request(webhookUrl("vonage"), { method: "POST", body: "" }), "vonage")).status).toBe(404);
    expect((await verifyWebhookSubscription(new Request(webhookUrl("twilio")), "twilio", { db: t.db })).status).toBe(404);
  });
});
