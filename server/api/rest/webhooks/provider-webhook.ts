/**
 * `/api/webhooks/{provider}?workspace=<workspace id>`: delivery receipts and replies from real
 * providers. The workspace is named in the URL the admin gives the provider, because the
 * signature has to be checked with that workspace's secret before anything in the body is
 * believed. In order:
 * 1. the raw body (1 MiB at most), kept as bytes: signatures cover them, not a re-encoding;
 * 2. the provider's signature, against every config the workspace has for that provider:
 *    none sent → 401, none matching → 403, and nothing is read or written beyond the config;
 * 3. each receipt goes to the receipts inbox (a replay is a "duplicate" and changes nothing);
 *    each incoming message to the inbound handler, with an id derived from the provider's
 *    message id so a replayed one is handled once.
 * Twilio's signature covers the URL it called: behind a proxy that URL is rebuilt from
 * X-Forwarded-Proto/Host and tried along with the one the request arrived at.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { verifyMetaSignature } from "@/server/channels/webhooks/meta-signature";
import { parseMetaWebhook } from "@/server/channels/webhooks/meta-payload";
import type { ParsedWebhook } from "@/server/channels/webhooks/parsed-webhook";
import {
  isWebhookProvider,
  MetaWebhookConfigSchema,
  TwilioWebhookConfigSchema,
  type WebhookProvider,
} from "@/server/channels/webhooks/provider-config";
import { safeEqual } from "@/server/channels/webhooks/safe-equal";
import { parseTwilioWebhook } from "@/server/channels/webhooks/twilio-payload";
import { verifyTwilioSignature, type FormParams } from "@/server/channels/webhooks/twilio-signature";
import { handleInbound } from "@/server/engine/inbound";
import { ingestReceipt } from "@/server/engine/receipts";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { errorResponse, responseForError } from "../api-error";
import { readRawBody } from "../read-body";
import { loadWebhookConfigs } from "./webhook-configs";

export type WebhookDeps = { db: Db };

type ItemResult = { kind: "receipt"; result: string } | { kind: "inbound"; result: string } | { kind: "ignored"; reason: string };

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export async function receiveWebhook(req: Request, provider: string, deps: WebhookDeps): Promise<Response> {
  const url = new URL(req.url);
  try {
    if (!isWebhookProvider(provider)) return errorResponse(404, "NOT_FOUND", `No webhooks for provider "${provider}".`);
    const workspaceId = workspaceOf(url);
    const raw = await readRawBody(req);
    const receivedAt = new Date();

    const verified = provider === "twilio" ? await checkTwilio(deps.db, workspaceId, req, raw) : await checkMeta(deps.db, workspaceId, req, raw);
    if (!verified.ok) {
      logger.warn({ provider, workspaceId, reason: verified.reason }, "webhook refused");
      return verified.reason === "unsigned"
        ? errorResponse(401, "UNAUTHORIZED", `Unsigned ${provider} webhook.`)
        : errorResponse(403, "FORBIDDEN", `The signature does not match this workspace's ${provider} settings.`);
    }

    const items = provider === "twilio" ? [parseTwilioWebhook(verified.params, receivedAt)] : parseMetaWebhook(parseJson(raw), receivedAt);
    const results: ItemResult[] = [];
    for (const item of items) results.push(await applyItem(deps.db, provider, workspaceId, item));

    if (provider === "twilio" && results.some((r) => r.kind === "inbound")) {
      // Twilio reads the answer to an incoming message as TwiML: an empty one sends no reply.
      return new Response(EMPTY_TWIML, { status: 200, headers: { "content-type": "text/xml" } });
    }
    return Response.json({ results });
  } catch (error) {
    return responseForError(error, { method: req.method, path: url.pathname });
  }
}

/** Meta's subscription handshake: echo `hub.challenge` to the right `hub.verify_token`. */
export async function verifyWebhookSubscription(req: Request, provider: string, deps: WebhookDeps): Promise<Response> {
  const url = new URL(req.url);
  try {
    if (provider !== "meta-whatsapp") return errorResponse(404, "NOT_FOUND", `No subscription handshake for provider "${provider}".`);
    const workspaceId = workspaceOf(url);
    const mode = url.searchParams.get("hub.mode");
    const token = url.searchParams.get("hub.verify_token") ?? "";
    const challenge = url.searchParams.get("hub.challenge");
    const configs = await loadWebhookConfigs(deps.db, workspaceId, provider, MetaWebhookConfigSchema);
    const known = configs.some((c) => c.verifyToken !== undefined && safeEqual(c.verifyToken, token));
    if (mode !== "subscribe" || challenge === null || !known) {
      return errorResponse(403, "FORBIDDEN", "The verify token does not match this workspace's meta-whatsapp settings.");
    }
    return new Response(challenge, { status: 200, headers: { "content-type": "text/plain" } });
  } catch (error) {
    return responseForError(error, { method: req.method, path: url.pathname });
  }
}

/** Binds a handler to Next's route-handler signature with the process's database. */
export function nextWebhookRoute(handler: typeof receiveWebhook) {
  return async (req: Request, ctx: { params: Promise<{ provider: string }> }): Promise<Response> => {
    const { provider } = await ctx.params;
    let db: Db;
    try {
      db = getDb();
    } catch (error) {
      return responseForError(error, { method: req.method, path: new URL(req.url).pathname });
    }
    return handler(req, provider, { db });
  };
}

const WorkspaceParamSchema = z.uuid();

function workspaceOf(url: URL): string {
  const parsed = WorkspaceParamSchema.safeParse(url.searchParams.get("workspace"));
  if (!parsed.success) {
    throw new AppError("BAD_REQUEST", "Name the workspace in the webhook URL: ?workspace=<workspace id>.", {
      issues: [{ path: ["workspace"], message: "Expected the workspace's id (a UUID)", code: "invalid_format" }],
    });
  }
  return parsed.data;
}

type Verified = { ok: true; params: FormParams } | { ok: false; reason: "unsigned" | "mismatch" };

async function checkTwilio(db: Db, workspaceId: string, req: Request, raw: Uint8Array): Promise<Verified> {
  const signature = req.headers.get("x-twilio-signature");
  if (!signature) return { ok: false, reason: "unsigned" };
  const isJson = (req.headers.get("content-type") ?? "").includes("json");
  const params: FormParams = isJson ? [] : [...new URLSearchParams(new TextDecoder().decode(raw))];
  const configs = await loadWebhookConfigs(db, workspaceId, "twilio", TwilioWebhookConfigSchema);
  const urls = calledUrls(req);
  const ok = configs.some((c) => urls.some((url) => verifyTwilioSignature({ authToken: c.authToken, url, params, signature, rawBody: raw })));
  return ok ? { ok: true, params } : { ok: false, reason: "mismatch" };
}

async function checkMeta(db: Db, workspaceId: string, req: Request, raw: Uint8Array): Promise<Verified> {
  const header = req.headers.get("x-hub-signature-256");
  if (!header) return { ok: false, reason: "unsigned" };
  const configs = await loadWebhookConfigs(db, workspaceId, "meta-whatsapp", MetaWebhookConfigSchema);
  const ok = configs.some((c) => verifyMetaSignature({ appSecret: c.appSecret, rawBody: raw, header }));
  return ok ? { ok: true, params: [] } : { ok: false, reason: "mismatch" };
}

/** The URL as received, and as the caller saw it when a proxy says so. */
function calledUrls(req: Request): string[] {
  const pathAndQuery = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(.*)$/i.exec(req.url)?.[1] ?? "/";
  const urls = [req.url];
  const first = (value: string | null) => value?.split(",")[0]?.trim() || undefined;
  const host = first(req.headers.get("x-forwarded-host")) ?? first(req.headers.get("host"));
  const proto = first(req.headers.get("x-forwarded-proto")) ?? new URL(req.url).protocol.replace(/:$/, "");
  if (host) urls.push(`${proto}://${host}${pathAndQuery}`);
  return [...new Set(urls)];
}

function parseJson(raw: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(raw)) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
}

async function applyItem(db: Db, provider: WebhookProvider, workspaceId: string, item: ParsedWebhook): Promise<ItemResult> {
  switch (item.kind) {
    case "receipt":
      return { kind: "receipt", result: await ingestReceipt(db, provider, item.receipt, { workspaceId }) };
    case "inbound": {
      const { inbound } = item;
      const result = await handleInbound(
        db,
        workspaceId,
        { channel: inbound.channel, from: inbound.from.slice(0, 200), text: inbound.text.slice(0, 5000) },
        inbound.at,
        { inboundId: inboundIdFor(workspaceId, provider, inbound.providerEventId) },
      );
      return { kind: "inbound", result: result.duplicate ? "duplicate" : result.kind };
    }
    case "ignored":
      return { kind: "ignored", reason: item.reason };
    default: {
      const _exhaustive: never = item;
      throw new Error(`Unknown webhook item ${JSON.stringify(_exhaustive)}`);
    }
  }
}

/** A UUID that is the same for every delivery of one provider message to one workspace. */
function inboundIdFor(workspaceId: string, provider: string, providerEventId: string): string {
  const hex = createHash("sha256").update(`${workspaceId}\u0000${provider}\u0000${providerEventId}`).digest("hex");
  // RFC 9562 version 8 (custom), variant 10.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
