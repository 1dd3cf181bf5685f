/**
 * Twilio's `X-Twilio-Signature`: base64(HMAC-SHA1(auth token, URL + parameters)).
 *
 * - Form bodies: the parameters are appended as name+value, names sorted; the values of a
 *   repeated name are deduplicated and sorted, each appended as name+value.
 * - JSON bodies: the URL carries `bodySHA256=<hex sha256 of the raw body>` and the HMAC covers
 *   the URL alone; the body hash is checked separately.
 * - The URL is signed exactly as Twilio called it (host case included), and Twilio's own
 *   validators accept it with or without the scheme's default port, so this one does too.
 */
import { createHash, createHmac } from "node:crypto";
import { safeEqual } from "./safe-equal";

/** Form parameters in the order received; a name may repeat. */
export type FormParams = readonly (readonly [string, string])[];

const DEFAULT_PORTS: Record<string, string> = { https: "443", http: "80" };

export function twilioSignedString(url: string, params: FormParams): string {
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of params) {
    const values = byName.get(name) ?? new Set<string>();
    values.add(value);
    byName.set(name, values);
  }
  let signed = url;
  for (const name of [...byName.keys()].sort(byCodeUnit)) {
    for (const value of [...byName.get(name)!].sort(byCodeUnit)) signed += name + value;
  }
  return signed;
}

export function computeTwilioSignature(authToken: string, url: string, params: FormParams): string {
  return createHmac("sha1", authToken).update(twilioSignedString(url, params), "utf8").digest("base64");
}

/** The URL as given, without its port, and with the scheme's default port (deduplicated). */
export function twilioUrlVariants(url: string): string[] {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme = "", authority = "", rest = ""] = match;
  const at = authority.lastIndexOf("@");
  const userinfo = authority.slice(0, at + 1);
  const hostPort = authority.slice(at + 1);
  const portMatch = /:(\d*)$/.exec(hostPort);
  const host = portMatch ? hostPort.slice(0, portMatch.index) : hostPort;
  const variants = [url, `${scheme}://${userinfo}${host}${rest}`];
  const defaultPort = DEFAULT_PORTS[scheme.toLowerCase()];
  if (defaultPort) variants.push(`${scheme}://${userinfo}${host}:${defaultPort}${rest}`);
  return [...new Set(variants)];
}

export type TwilioRequest = {
  authToken: string;
  /** The full URL Twilio requested, query string included. */
  url: string;
  /** The form parameters (empty for a JSON body). */
  params: FormParams;
  /** The X-Twilio-Signature header. */
  signature: string | null;
  /** The raw body, needed when the URL carries `bodySHA256`. */
  rawBody?: Uint8Array | string;
};

export function verifyTwilioSignature(request: TwilioRequest): boolean {
  const { authToken, url, signature } = request;
  if (!signature || !authToken) return false;
  const bodyHash = bodySha256Param(url);
  if (bodyHash !== null) {
    const actual = createHash("sha256")
      .update(request.rawBody ?? "")
      .digest("hex");
    if (!safeEqual(actual, bodyHash.toLowerCase())) return false;
  }
  const params = bodyHash !== null ? [] : request.params;
  return twilioUrlVariants(url).some((candidate) => safeEqual(computeTwilioSignature(authToken, candidate, params), signature));
}

function bodySha256Param(url: string): string | null {
  const query = url.split("#")[0]!.split("?")[1];
  return query === undefined ? null : new URLSearchParams(query).get("bodySHA256");
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
