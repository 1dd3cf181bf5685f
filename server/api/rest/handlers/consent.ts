/** `POST /consent`. */
import { z } from "zod";
import { ConsentInputSchema, recordConsent } from "@/server/consent/record-consent";
import { ConsentRecordSchema, presentConsent } from "@/server/profiles/get-profile";
import { ExternalIdSchema, requireProfile } from "@/server/profiles/upsert-profile";
import { apiRoute, defineEndpoint } from "../handler";

export const postConsentRoute = apiRoute(
  defineEndpoint({
    operationId: "postConsent",
    method: "POST",
    path: "/consent",
    tag: "Profiles",
    summary: "Record a consent or an opt-out",
    description:
      "Appends to the profile's consent log. Marketing sends need an opt-in for their channel; an opt-out for a channel blocks every purpose on it. `timestamp` is when the person consented (default: now).",
    action: "consent.manage",
    body: ConsentInputSchema.extend({ profileId: ExternalIdSchema }),
    response: ConsentRecordSchema.extend({ profileId: z.string() }),
    errors: [404],
  }),
  async ({ db, workspaceId, body }) => {
    const { profileId, ...input } = body;
    const profile = await requireProfile(db, workspaceId, profileId);
    return { ...presentConsent(await recordConsent(db, workspaceId, profile.id, input)), profileId };
  },
);
