/** `GET /runs/{id}` and `GET /messages`. */
import { z } from "zod";
import { getRun, RunViewSchema } from "@/server/runs/get-run";
import { ListMessagesQuerySchema, listMessages, MessageViewSchema } from "@/server/runs/list-messages";
import { apiRoute, defineEndpoint } from "../handler";

export const getRunRoute = apiRoute(
  defineEndpoint({
    operationId: "getRun",
    method: "GET",
    path: "/runs/{id}",
    tag: "Runs",
    summary: "A run: state, version, current node and timeline",
    action: "journeys.read",
    params: z.strictObject({ id: z.uuid() }),
    response: RunViewSchema,
    errors: [404],
  }),
  ({ db, workspaceId, params }) => getRun(db, workspaceId, params.id),
);

export const listMessagesRoute = apiRoute(
  defineEndpoint({
    operationId: "listMessages",
    method: "GET",
    path: "/messages",
    tag: "Runs",
    summary: "Messages, newest first",
    description:
      "Filtered by profile (external id), journey (key) and run; `limit` defaults to 50 (at most 500). `body` is the text the recipient reads; `reason` says why a message was deferred, suppressed, failed or cancelled.",
    action: "profiles.read",
    query: ListMessagesQuerySchema,
    response: z.array(MessageViewSchema),
    errors: [404],
  }),
  ({ db, workspaceId, query }) => listMessages(db, workspaceId, query),
);
