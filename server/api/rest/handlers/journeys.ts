/** `PUT`/`GET /journeys/{key}` and its `publish`, `enroll` and `simulate` actions. */
import { z } from "zod";
import { EnrollInputSchema, enrollProfile } from "@/server/engine/enroll-profile";
import { AppError } from "@/server/errors";
import { JourneyKeySchema, JourneySchema, PurposeSchema } from "@/server/journey/schema";
import { IssueSchema, validateJourney } from "@/server/journey/validate";
import { getDocument, getJourneyRowByKey, importDraft } from "@/server/journeys/drafts";
import { PublishOptionsSchema, publishJourney } from "@/server/journeys/publish-journey";
import { SimulateRequestSchema, SimulateResultSchema, simulateJourney } from "@/server/journeys/simulate-journey";
import { apiRoute, defineEndpoint } from "../handler";

const JourneyParamsSchema = z.strictObject({ key: JourneyKeySchema });
const VersionQuerySchema = z.strictObject({ version: z.coerce.number().int().positive().optional() });

const DraftSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  status: z.enum(["draft", "live", "paused", "archived"]),
  purpose: PurposeSchema,
  /** Bumped on every save of the draft. */
  revision: z.number().int(),
  liveVersion: z.number().int().nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
  document: JourneySchema,
  /** Block publishing. */
  errors: z.array(IssueSchema),
  /** Shown on the canvas; do not block publishing. */
  warnings: z.array(IssueSchema),
});

export const putJourneyRoute = apiRoute(
  defineEndpoint({
    operationId: "putJourney",
    method: "PUT",
    path: "/journeys/{key}",
    tag: "Journeys",
    summary: "Import a journey document as the draft",
    description:
      "Creates the journey or replaces its draft with a `switchboard.journey/v1` document whose `key` matches the URL. A document the format rejects is a 400 with the issues; otherwise the draft is saved and returned with its validation errors (which block publishing) and warnings.",
    action: "journeys.write",
    params: JourneyParamsSchema,
    // Checked by validateJourney below, whose issues name the node at fault.
    body: z.unknown(),
    documentedBody: JourneySchema,
    response: DraftSchema,
  }),
  async ({ db, workspaceId, params, body }) => {
    const { journey, errors } = validateJourney(body);
    if (!journey) throw new AppError("BAD_REQUEST", "This is not a valid switchboard.journey/v1 document.", { errors });
    const draft = await importDraft(db, workspaceId, params.key, journey, null);
    return { ...draft, updatedAt: draft.updatedAt.toISOString() };
  },
);

export const getJourneyRoute = apiRoute(
  defineEndpoint({
    operationId: "getJourney",
    method: "GET",
    path: "/journeys/{key}",
    tag: "Journeys",
    summary: "Export a journey document",
    description: "The draft's document, or with `?version=N` the document of published version N.",
    action: "journeys.read",
    params: JourneyParamsSchema,
    query: VersionQuerySchema,
    response: JourneySchema,
    errors: [404],
  }),
  ({ db, workspaceId, params, query }) => getDocument(db, workspaceId, params.key, query.version),
);

export const publishJourneyRoute = apiRoute(
  defineEndpoint({
    operationId: "publishJourney",
    method: "POST",
    path: "/journeys/{key}/publish",
    tag: "Journeys",
    summary: "Publish the draft as a new version",
    description:
      "Makes the draft an immutable, numbered version that new runs enter. Runs in flight finish on their version (`inFlight: \"finish\"`, the default) or exit (`\"exit\"`). A draft with validation errors is refused with a 400 whose `issues` are the errors.",
    action: "journeys.publish",
    params: JourneyParamsSchema,
    body: PublishOptionsSchema,
    bodyOptional: true,
    response: z.object({
      version: z.number().int(),
      changes: z.array(z.object({ kind: z.enum(["added", "removed", "changed"]), what: z.string() })),
      warnings: z.array(IssueSchema),
      exitedRuns: z.number().int(),
    }),
    errors: [404, 409],
  }),
  async ({ db, workspaceId, params, body }) => {
    const row = await getJourneyRowByKey(db, workspaceId, params.key);
    return publishJourney(db, workspaceId, row.id, null, body);
  },
);

export const enrollRoute = apiRoute(
  defineEndpoint({
    operationId: "enrollProfile",
    method: "POST",
    path: "/journeys/{key}/enroll",
    tag: "Journeys",
    summary: "Enter a profile into a journey",
    description:
      "For a live journey whose trigger is `api`. `data` is what the journey reads as `event.*`. A profile that already has an active run, or may not re-enter, is a 409.",
    action: "events.write",
    params: JourneyParamsSchema,
    body: EnrollInputSchema,
    response: z.object({ runId: z.string() }),
    errors: [404, 409],
  }),
  ({ db, workspaceId, params, body }) => enrollProfile(db, workspaceId, params.key, body),
);

export const simulateRoute = apiRoute(
  defineEndpoint({
    operationId: "simulateJourney",
    method: "POST",
    path: "/journeys/{key}/simulate",
    tag: "Journeys",
    summary: "Simulate a journey for a sample profile",
    description:
      "Runs `profile` through the draft (or `?version=N`) on a virtual clock under the workspace's send rules — consent from `consents`, sender IDs, frequency caps, quiet hours in the recipient's zone — playing the scripted `events` and provider `outcomes` (per node; by default the sandbox's receipts). Returns the path taken and the timeline, with deferrals and suppressions. Sends and stores nothing.",
    action: "journeys.read",
    params: JourneyParamsSchema,
    query: VersionQuerySchema,
    body: SimulateRequestSchema,
    response: SimulateResultSchema,
    errors: [404],
  }),
  ({ db, workspaceId, params, query, body }) =>
    simulateJourney(db, workspaceId, params.key, body, query.version === undefined ? {} : { version: query.version }),
);
