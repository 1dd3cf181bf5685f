/**
 * Request bodies, read with a size limit: the declared Content-Length is checked first, and the
 * stream is counted as it arrives (a chunked body declares nothing), so an oversized body is
 * refused without being buffered whole.
 */
import { AppError } from "@/server/errors";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export async function readRawBody(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Uint8Array> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${formatBytes(maxBytes)}.`);
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array();

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The parsed JSON body, or `undefined` when there is none. */
export async function readJsonBody(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const text = new TextDecoder().decode(await readRawBody(req, maxBytes));
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}
