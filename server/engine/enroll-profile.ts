/** `POST /journeys/{key}/enroll`: enter one profile into a journey whose trigger is `api`. */
import { z } from "zod";
import type { Db } from "@/db/client";
import { AppError } from "@/server/errors";
import { getJourneyRowByKey } from "@/server/journeys/drafts";
import { ExternalIdSchema, requireProfile } from "@/server/profiles/upsert-profile";
import { enterVersion } from "./enrol";
import { liveVersionOf } from "./live-version";

export const EnrollInputSchema = z.strictObject({
  profileId: ExternalIdSchema,
  data: z.record(z.string(), z.unknown()).optional(),
});
export type EnrollInput = z.infer<typeof EnrollInputSchema>;

export async function enrollProfile(db: Db, workspaceId: string, journeyKey: string, input: EnrollInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await getJourneyRowByKey(tx, workspaceId, journeyKey);
    const version = await liveVersionOf(tx, row);
    const trigger = version.journey.nodes.find((n) => n.type === "trigger");
    if (trigger?.type !== "trigger" || trigger.config.kind !== "api") {
      throw new AppError("BAD_REQUEST", `Journey "${journeyKey}" is not entered through the API (its trigger is "${trigger?.type === "trigger" ? trigger.config.kind : "missing"}").`);
    }
    const profile = await requireProfile(tx, workspaceId, input.profileId);
    const outcome = await enterVersion(tx, version, profile, { type: "enrol", ...(input.data ? { data: input.data } : {}) }, now);
    if (!outcome.entered) {
      throw new AppError(
        "CONFLICT",
        outcome.reason === "reentry"
          ? `Profile "${input.profileId}" may not enter "${journeyKey}" again (re-entry: ${version.journey.reentry}).`
          : `Profile "${input.profileId}" already has an active run of "${journeyKey}".`,
      );
    }
    return { runId: outcome.runId };
  });
}
