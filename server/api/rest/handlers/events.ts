/** `POST /events` and `POST /events/batch`. */
import { z } from "zod";
import type { Db } from "@/db/client";
import { EventInputSchema, EventResultSchema, ingestEvent } from "@/server/engine/ingest-event";
import { isAppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { ApiErrorBodySchema, issuesFromDetails, issuesFromZod } from "../api-error";
import { apiRoute, defineEndpoint } from "../handler";

export const MAX_BATCH_EVENTS = 1000;

export const postEventRoute = apiRoute(
  defineEndpoint({
    operationId: "postEvent",
    method: "POST",
    path: "/events",
    tag: "Events",
    summary: "Send an event for a profile",
    description:
      "Stores the event, enters the profile into live journeys it triggers and resumes the runs waiting for it. The same `idempotencyKey` twice is one event and gets the same answer; reusing a key for another event is a 409.",
    action: "events.write",
    body: EventInputSchema,
    status: 202,
    response: EventResultSchema,
    errors: [404, 409],
  }),
  ({ db, workspaceId, body }) => ingestEvent(db, workspaceId, body),
);

const BatchItemResultSchema = z.discriminatedUnion("ok", [
  z.object({ index: z.number().int(), ok: z.literal(true), result: EventResultSchema }),
  z.object({ index: z.number().int(), ok: z.literal(false), error: ApiErrorBodySchema.shape.error }),
]);
type BatchItemResult = z.infer<typeof BatchItemResultSchema>;

export const postEventsBatchRoute = apiRoute(
  defineEndpoint({
    operationId: "postEventsBatch",
    method: "POST",
    path: "/events/batch",
    tag: "Events",
    summary: "Send up to 1000 events",
    description:
      "Each event is validated and ingested on its own, in order, exactly as `POST /events` would; one bad event does not fail the others. The answer has one result per event, by index. The body may be up to 5 MiB.",
    action: "events.write",
    // Items are checked one by one below, so a bad one fails alone.
    body: z.strictObject({ events: z.array(z.unknown()).min(1).max(MAX_BATCH_EVENTS) }),
    documentedBody: z.strictObject({ events: z.array(EventInputSchema).min(1).max(MAX_BATCH_EVENTS) }),
    maxBodyBytes: 5 * 1024 * 1024,
    response: z.object({ results: z.array(BatchItemResultSchema) }),
    errors: [413],
  }),
  async ({ db, workspaceId, body }) => {
    const results: BatchItemResult[] = [];
    for (const [index, item] of body.events.entries()) results.push(await ingestOne(db, workspaceId, index, item));
    return { results };
  },
);

async function ingestOne(db: Db, workspaceId: string, index: number, item: unknown): Promise<BatchItemResult> {
  const parsed = EventInputSchema.safeParse(item);
  if (!parsed.success) {
    return { index, ok: false, error: { code: "BAD_REQUEST", message: "Invalid event.", issues: issuesFromZod(parsed.error.issues) } };
  }
  try {
    return { index, ok: true, result: await ingestEvent(db, workspaceId, parsed.data) };
  } catch (error) {
    if (isAppError(error)) {
      const issues = issuesFromDetails(error.details);
      return { index, ok: false, error: { code: error.code, message: error.message, ...(issues ? { issues } : {}) } };
    }
    logger.error({ err: error, index }, "batch event failed");
    return { index, ok: false, error: { code: "INTERNAL", message: "Internal error" } };
  }
}
