/**
 * A webhook node's HTTP call. Retried by the job on network errors and non-2xx answers; after
 * the last attempt the run takes `fallback`. Calls are at-least-once, so the request carries
 * the node's idempotency key for the receiver to deduplicate on.
 */
import type { Db } from "@/db/client";
import type { EffectOf } from "@/server/journey/run-state";
import { applyInput } from "./apply-input";

const TIMEOUT_MS = 10_000;

export async function callWebhook(db: Db, runId: string, effect: EffectOf<"webhook">, options: { finalAttempt: boolean }) {
  let failure: string | null = null;
  try {
    const res = await fetch(effect.url, {
      method: effect.method,
      headers: { "content-type": "application/json", ...effect.headers, "idempotency-key": effect.key },
      ...(effect.body !== undefined && effect.method !== "GET" ? { body: effect.body } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) failure = `http_${res.status}`;
  } catch (error) {
    failure = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "network_error";
  }
  if (failure && !options.finalAttempt) throw new Error(`webhook ${effect.key} failed: ${failure}`);
  await db.transaction((tx) =>
    applyInput(tx, runId, { type: "dispatch", key: effect.key, result: failure ? "failed" : "sent", ...(failure ? { reason: failure } : {}) }),
  );
}
