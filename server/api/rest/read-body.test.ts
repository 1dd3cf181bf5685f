import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { readJsonBody, readRawBody } from "./read-body";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);

function streamOf(chunks: number[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const size of chunks) controller.enqueue(new Uint8Array(size).fill(32));
      controller.close();
    },
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (e) {
    return e instanceof AppError ? e.code : "other";
  }
}

describe("readJsonBody", () => {
  it("parses JSON and reads an empty body as undefined", async () => {
    expect(await readJsonBody(post('{"a":[1,2]}'))).toEqual({ a: [1, 2] });
    expect(await readJsonBody(post(""))).toBeUndefined();
    expect(await readJsonBody(new Request("http://localhost/x"))).toBeUndefined();
  });

  it("refuses invalid JSON with BAD_REQUEST", async () => {
    expect(await codeOf(readJsonBody(post("{nope")))).toBe("BAD_REQUEST");
  });

  it.each([
    ["exactly the limit", 100, "ok"],
    ["one byte over", 101, "PAYLOAD_TOO_LARGE"],
  ])("%s", async (_name, size, code) => {
    expect(await codeOf(readRawBody(post("x".repeat(size)), 100))).toBe(code);
  });

  it("refuses on a declared Content-Length before reading", async () => {
    expect(await codeOf(readRawBody(post("small", { "content-length": "5000" }), 100))).toBe("PAYLOAD_TOO_LARGE");
  });

  it("counts a streamed body that declares no length", async () => {
    expect(await codeOf(readRawBody(post(streamOf([60, 60])), 100))).toBe("PAYLOAD_TOO_LARGE");
    expect((await readRawBody(post(streamOf([60, 40])), 100)).byteLength).toBe(100);
  });
});
