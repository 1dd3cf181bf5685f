/**
 * Publishing makes the draft an immutable, numbered version that new runs enter; runs already
 * in flight finish on the version they entered (the default) or exit, as the publisher chose.
 * Pausing stops new entries; runs in flight carry on.
 */
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { journeys, journeyVersions, runs } from "@/db/schema";
import { nextCronTime } from "@/server/engine/next-cron-time";
import { enqueue, TASKS } from "@/server/engine/queue";
import { AppError } from "@/server/errors";
import { diffJourneys } from "@/server/journey/diff";
import { JourneySchema } from "@/server/journey/schema";
import { validateJourney } from "@/server/journey/validate";

export const PublishOptionsSchema = z.object({ inFlight: z.enum(["finish", "exit"]).default("finish") });
export type PublishOptions = z.input<typeof PublishOptionsSchema>;

export async function publishJourney(db: Db, workspaceId: string, journeyId: string, userId: string | null, options: PublishOptions = {}) {
  const { inFlight } = PublishOptionsSchema.parse(options);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId)))
      .for("update");
    if (!row) throw new AppError("NOT_FOUND", "No such journey in this workspace.");
    if (row.status === "archived") throw new AppError("CONFLICT", "This journey is archived; restore it before publishing.");
    const { errors, warnings, journey } = validateJourney(row.draft);
    if (errors.length > 0 || !journey) {
      throw new AppError("BAD_REQUEST", `Fix ${errors.length} error${errors.length === 1 ? "" : "s"} before publishing.`, { errors, warnings });
    }
    const [previous] = await tx
      .select()
      .from(journeyVersions)
      .where(eq(journeyVersions.journeyId, row.id))
      .orderBy(desc(journeyVersions.version))
      .limit(1);
    const version = (previous?.version ?? 0) + 1;
    const trigger = journey.nodes.find((n) => n.type === "trigger");
    const triggerConfig = trigger?.type === "trigger" ? trigger.config : null;
    const [created] = await tx
      .insert(journeyVersions)
      .values({
        workspaceId,
        journeyId: row.id,
        version,
        document: journey,
        triggerKind: triggerConfig?.kind ?? "api",
        triggerEvent: triggerConfig?.kind === "event" ? triggerConfig.event : null,
        publishedBy: userId,
      })
      .returning();
    await tx
      .update(journeys)
      .set({ status: "live", liveVersion: version })
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, row.id)));

    let exited = 0;
    if (inFlight === "exit") {
      const inFlightRuns = await tx
        .select({ id: runs.id })
        .from(runs)
        .where(and(eq(runs.journeyId, row.id), ne(runs.versionId, created!.id), inArray(runs.status, ["active", "waiting"])));
      await enqueue(
        tx,
        inFlightRuns.map((r) => ({ task: TASKS.runInput, payload: { runId: r.id, input: { type: "cancel", reason: "superseded" } } })),
      );
      exited = inFlightRuns.length;
    }
    if (triggerConfig?.kind === "schedule") {
      const runAt = triggerConfig.at
        ? new Date(triggerConfig.at)
        : triggerConfig.cron
          ? nextCronTime(triggerConfig.cron, triggerConfig.timezone ?? "UTC", new Date())
          : new Date();
      if (runAt) {
        await enqueue(tx, [{ task: TASKS.scheduleEntry, payload: { versionId: created!.id }, runAt, jobKey: `schedule:${row.id}` }]);
      }
    }
    const before = previous ? JourneySchema.parse(previous.document) : null;
    return { version, changes: diffJourneys(before, journey), warnings, exitedRuns: exited };
  });
}

export async function setJourneyPaused(db: Db, workspaceId: string, journeyId: string, paused: boolean) {
  const [row] = await db
    .update(journeys)
    .set({ status: paused ? "paused" : "live" })
    .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId), inArray(journeys.status, paused ? ["live"] : ["paused"])))
    .returning({ id: journeys.id, status: journeys.status });
  if (!row) throw new AppError("CONFLICT", paused ? "Only a live journey can be paused." : "Only a paused journey can be resumed.");
  return row;
}
