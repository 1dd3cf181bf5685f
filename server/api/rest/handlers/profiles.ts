/** `PUT` and `GET /profiles/{externalId}`. */
import { z } from "zod";
import { getProfileDetail, MAX_TIMELINE, ProfileDetailSchema, presentProfile, ProfileSchema } from "@/server/profiles/get-profile";
import { ExternalIdSchema, ProfileInputSchema, upsertProfile } from "@/server/profiles/upsert-profile";
import { apiRoute, defineEndpoint } from "../handler";

const ProfileParamsSchema = z.strictObject({ externalId: ExternalIdSchema });

export const putProfileRoute = apiRoute(
  defineEndpoint({
    operationId: "putProfile",
    method: "PUT",
    path: "/profiles/{externalId}",
    tag: "Profiles",
    summary: "Create or update a profile",
    description:
      "Creates the profile or updates the fields given. Phone and WhatsApp numbers are stored in E.164 (a number without a country code is read in the profile's `country`). Attributes merge into the existing ones; an attribute set to null is removed.",
    action: "profiles.write",
    params: ProfileParamsSchema,
    body: ProfileInputSchema,
    response: ProfileSchema,
  }),
  async ({ db, workspaceId, params, body }) => presentProfile(await upsertProfile(db, workspaceId, params.externalId, body)),
);

export const getProfileRoute = apiRoute(
  defineEndpoint({
    operationId: "getProfile",
    method: "GET",
    path: "/profiles/{externalId}",
    tag: "Profiles",
    summary: "A profile, its consent and its timeline",
    description:
      "The profile; its consent, current (per channel and purpose) and as the log it derives from; and its timeline across channels, newest first: events, journeys entered, messages with their status history, and replies.",
    action: "profiles.read",
    params: ProfileParamsSchema,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(MAX_TIMELINE).default(100) }),
    response: ProfileDetailSchema,
    errors: [404],
  }),
  ({ db, workspaceId, params, query }) => getProfileDetail(db, workspaceId, params.externalId, query.limit),
);
