/**
 * Schedule triggers: at `at` (once), or on every `cron` tick (then the next tick is queued),
 * enter every profile of the workspace that matches the
 * trigger's `where`, in batches, each batch in its own transaction so a crash resumes where it
 * stopped (a profile that entered already is kept out by re-entry rules).
 */
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { journeys, profiles } from "@/db/schema";
import { evaluateCondition } from "@/server/journey/condition";
import { enterVersions } from "./enrol";
import { nextCronTime } from "./next-cron-time";
import { enqueue, TASKS } from "./queue";
import { buildMatchContexts } from "./run-context";
import { loadVersion } from "./version-cache";

const BATCH = 200;

export async function runScheduleEntry(db: Db, versionId: string, now = new Date()): Promise<number> {
  const version = await loadVersion(db, versionId);
  const [journey] = await db.select().from(journeys).where(eq(journeys.id, version.journeyId));
  // A newer version, a pause or an archive since scheduling: nobody enters from this one.
  if (!journey || journey.status !== "live" || journey.liveVersion !== version.version) return 0;
  const trigger = version.journey.nodes.find((n) => n.type === "trigger");
  if (trigger?.type !== "trigger" || trigger.config.kind !== "schedule") return 0;
  const where = trigger.config.where;

  let entered = 0;
  let after = "";
  for (;;) {
    const batch = await db
      .select()
      .from(profiles)
      .where(and(eq(profiles.workspaceId, version.workspaceId), gt(profiles.externalId, after)))
      .orderBy(asc(profiles.externalId))
      .limit(BATCH);
    if (batch.length === 0) break;
    await db.transaction(async (tx) => {
      const contexts = where ? await buildMatchContexts(tx, batch.map((profile) => ({ version, profile })), now) : [];
      const matching = where ? batch.filter((_, i) => evaluateCondition(where, { ...contexts[i]!, event: {} })) : batch;
      const outcomes = await enterVersions(
        tx,
        matching.map((profile) => ({ version, profile, enrol: { type: "enrol", data: {} } })),
        now,
      );
      entered += outcomes.filter((o) => o.entered).length;
    });
    after = batch.at(-1)!.externalId;
  }
  if (trigger.config.cron) {
    const next = nextCronTime(trigger.config.cron, trigger.config.timezone ?? "UTC", now);
    if (next) {
      await enqueue(db, [{ task: TASKS.scheduleEntry, payload: { versionId }, runAt: next, jobKey: `schedule:${version.journeyId}` }]);
    }
  }
  return entered;
}
