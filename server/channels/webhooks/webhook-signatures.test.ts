import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeMetaSignature, verifyMetaSignature } from "./meta-signature";
import {
  computeTwilioSignature,
  twilioSignedString,
  twilioUrlVariants,
  verifyTwilioSignature,
  type FormParams,
} from "./twilio-signature";

type TwilioVector = {
  name: string;
  url?: string;
  url_signed?: string;
  params?: Record<string, string> | "same as basic";
  params_multi?: [string, string][];
  body?: string;
  body_sha256_hex?: string;
  signature: string;
  signed_string_tail?: string;
};
type Vectors = {
  twilio_x_twilio_signature: { auth_token: string; vectors: TwilioVector[] };
  meta_x_hub_signature_256: { vector: { payload: string; secret: string; hex: string; header: string } };
};

const vectors = JSON.parse(readFileSync(new URL("./__fixtures__/webhook-signatures.json", import.meta.url), "utf8")) as Vectors;
const twilio = vectors.twilio_x_twilio_signature;
const token = twilio.auth_token;
const basic = twilio.vectors[0]!;
const basicParams = Object.entries(basic.params as Record<string, string>);

function paramsOf(v: TwilioVector): FormParams {
  if (v.params_multi) return v.params_multi;
  if (v.body !== undefined) return [];
  return v.params === "same as basic" || v.params === undefined ? basicParams : Object.entries(v.params);
}
const signedUrl = (v: TwilioVector) => (v.url_signed ?? v.url)!;

describe("Twilio X-Twilio-Signature vectors", () => {
  it("has all 7 vectors", () => expect(twilio.vectors).toHaveLength(7));

  it.each(twilio.vectors.map((v) => [v.name, v] as const))("computes %s", (_name, v) => {
    expect(computeTwilioSignature(token, signedUrl(v), paramsOf(v))).toBe(v.signature);
  });

  it.each(twilio.vectors.map((v) => [v.name, v] as const))("accepts %s as received", (_name, v) => {
    expect(verifyTwilioSignature({ authToken: token, url: signedUrl(v), params: paramsOf(v), signature: v.signature, rawBody: v.body })).toBe(true);
  });

  it.each(twilio.vectors.map((v) => [v.name, v] as const))("refuses %s with a wrong token, tampered params or no signature", (_name, v) => {
    const request = { url: signedUrl(v), params: paramsOf(v), signature: v.signature, rawBody: v.body };
    expect(verifyTwilioSignature({ ...request, authToken: "54321" })).toBe(false);
    expect(verifyTwilioSignature({ ...request, authToken: token, signature: null })).toBe(false);
    expect(verifyTwilioSignature({ ...request, authToken: token, signature: "" })).toBe(false);
    if (v.body !== undefined) {
      expect(verifyTwilioSignature({ ...request, authToken: token, rawBody: v.body.replace("true", "false") })).toBe(false);
    } else {
      expect(verifyTwilioSignature({ ...request, authToken: token, params: [...request.params, ["Extra", "1"]] })).toBe(false);
    }
  });

  it("orders the duplicate values as the vector's signed string says", () => {
    const v = twilio.vectors.find((x) => x.params_multi)!;
    expect(twilioSignedString(v.url!, v.params_multi!)).toBe(v.url! + v.signed_string_tail!);
  });

  it("accepts a signature made over the default port when the request URL has none, and the reverse", () => {
    const withPort = twilio.vectors.find((v) => v.url_signed?.includes(":443"))!;
    expect(verifyTwilioSignature({ authToken: token, url: basic.url!, params: basicParams, signature: withPort.signature })).toBe(true);
    expect(verifyTwilioSignature({ authToken: token, url: withPort.url_signed!, params: basicParams, signature: basic.signature })).toBe(true);
    const http80 = twilio.vectors.find((v) => v.url_signed?.includes(":80/"))!;
    expect(
      verifyTwilioSignature({ authToken: token, url: http80.url_signed!.replace(":80", ""), params: basicParams, signature: http80.signature }),
    ).toBe(true);
  });

  it("does not accept a signature over another non-default port, or another host case", () => {
    const v1234 = twilio.vectors.find((v) => v.url_signed?.includes(":1234"))!;
    expect(
      verifyTwilioSignature({ authToken: token, url: v1234.url_signed!.replace(":1234", ""), params: basicParams, signature: v1234.signature }),
    ).toBe(false);
    const upper = twilio.vectors.find((v) => v.url_signed?.includes("MyCompany"))!;
    expect(verifyTwilioSignature({ authToken: token, url: basic.url!, params: basicParams, signature: upper.signature })).toBe(false);
  });

  it.each([
    ["https://a.example/x?y=1", ["https://a.example/x?y=1", "https://a.example:443/x?y=1"]],
    ["https://a.example:443/x", ["https://a.example:443/x", "https://a.example/x"]],
    ["http://u:p@a.example:8080/x", ["http://u:p@a.example:8080/x", "http://u:p@a.example/x", "http://u:p@a.example:80/x"]],
    ["not a url", ["not a url"]],
  ])("URL variants of %s", (url, expected) => {
    expect(twilioUrlVariants(url)).toEqual(expected);
  });
});

describe("Meta X-Hub-Signature-256 vector", () => {
  const v = vectors.meta_x_hub_signature_256.vector;

  it("computes the vector", () => {
    expect(computeMetaSignature(v.secret, v.payload)).toBe(v.header);
    expect(v.header).toBe(`sha256=${v.hex}`);
  });

  it.each([
    ["the vector", v.secret, v.payload, v.header, true],
    ["bytes", v.secret, Buffer.from(v.payload), v.header, true],
    ["an upper-case hex digest", v.secret, v.payload, `sha256=${v.hex.toUpperCase()}`, true],
    ["a wrong secret", "other", v.payload, v.header, false],
    ["a tampered body", v.secret, "test ", v.header, false],
    ["no header", v.secret, v.payload, null, false],
    ["a header without the prefix", v.secret, v.payload, v.hex, false],
    ["a truncated digest", v.secret, v.payload, v.header.slice(0, -2), false],
    ["an empty secret", "", v.payload, v.header, false],
  ] as const)("%s → %s", (_name, appSecret, rawBody, header, ok) => {
    expect(verifyMetaSignature({ appSecret, rawBody, header })).toBe(ok);
  });
});
