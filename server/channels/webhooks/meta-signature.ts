/**
 * Meta's `X-Hub-Signature-256`: "sha256=" + hex(HMAC-SHA256(app secret, raw body bytes)).
 * Computed over the bytes as received: a re-serialised JSON body would not match.
 */
import { createHmac } from "node:crypto";
import { safeEqual } from "./safe-equal";

const PREFIX = "sha256=";

export function computeMetaSignature(appSecret: string, rawBody: Uint8Array | string): string {
  return PREFIX + createHmac("sha256", appSecret).update(rawBody).digest("hex");
}

export function verifyMetaSignature(request: { appSecret: string; rawBody: Uint8Array | string; header: string | null }): boolean {
  const { appSecret, rawBody, header } = request;
  if (!appSecret || !header?.startsWith(PREFIX)) return false;
  return safeEqual(computeMetaSignature(appSecret, rawBody), PREFIX + header.slice(PREFIX.length).toLowerCase());
}
