import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { journeyVersions } from "@/db/schema";
import { AppError } from "@/server/errors";
import type { JourneyRow } from "@/server/journeys/drafts";
import { loadVersion, type LoadedVersion } from "./version-cache";

/** The version new runs enter; refuses journeys that are not live. */
export async function liveVersionOf(db: Executor, journey: JourneyRow): Promise<LoadedVersion> {
  if (journey.status !== "live" || journey.liveVersion === null) {
    throw new AppError("CONFLICT", `Journey "${journey.key}" is ${journey.status === "paused" ? "paused" : "not published"}; it takes no new entries.`);
  }
  const [row] = await db
    .select({ id: journeyVersions.id })
    .from(journeyVersions)
    .where(and(eq(journeyVersions.journeyId, journey.id), eq(journeyVersions.version, journey.liveVersion)));
  if (!row) throw new Error(`journey ${journey.id} has no version ${journey.liveVersion}`);
  return loadVersion(db, row.id);
}
