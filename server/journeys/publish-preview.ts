/** What publishing would do, shown before the user confirms: changes, problems, runs in flight. */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { journeyVersions, runs } from "@/db/schema";
import { diffJourneys } from "@/server/journey/diff";
import { JourneySchema } from "@/server/journey/schema";
import { validateJourney } from "@/server/journey/validate";
import { getJourneyRow } from "./drafts";

export async function publishPreview(db: Executor, workspaceId: string, journeyId: string) {
  const row = await getJourneyRow(db, workspaceId, journeyId);
  const { errors, warnings, journey } = validateJourney(row.draft);
  const [live] = await db
    .select({ document: journeyVersions.document, version: journeyVersions.version })
    .from(journeyVersions)
    .where(and(eq(journeyVersions.workspaceId, workspaceId), eq(journeyVersions.journeyId, journeyId)))
    .orderBy(desc(journeyVersions.version))
    .limit(1);
  const inFlight = await db
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.journeyId, journeyId), inArray(runs.status, ["active", "waiting"])));
  return {
    nextVersion: (live?.version ?? 0) + 1,
    changes: journey ? diffJourneys(live ? JourneySchema.parse(live.document) : null, journey) : [],
    errors,
    warnings,
    inFlightRuns: inFlight.length,
  };
}
