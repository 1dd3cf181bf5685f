/**
 * Entering profiles into live journeys: on a matching event, through the enroll endpoint, or
 * from a schedule. Re-entry rules are checked here; the database's unique index on active runs
 * is the last word when two entries race.
 */
import { and, desc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { journeys, journeyVersions, runs } from "@/db/schema";
import { mayEnter, triggerMatches } from "@/server/journey/interpreter";
import type { RunInput } from "@/server/journey/run-state";
import { applyInput, startRun } from "./apply-input";
import { buildMatchContext } from "./match-context";
import type { ProfileRow } from "./run-context";
import { loadVersion, type LoadedVersion } from "./version-cache";

export type IncomingEvent = { name: string; properties: Record<string, unknown> };

/** Live versions of the workspace's journeys whose event trigger is `eventName`. */
async function liveEventVersions(tx: Tx, workspaceId: string, eventName: string): Promise<LoadedVersion[]> {
  const rows = await tx
    .select({ id: journeyVersions.id })
    .from(journeys)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)))
    .where(
      and(
        eq(journeys.workspaceId, workspaceId),
        eq(journeys.status, "live"),
        eq(journeyVersions.triggerKind, "event"),
        eq(journeyVersions.triggerEvent, eventName),
      ),
    );
  return Promise.all(rows.map((r) => loadVersion(tx, r.id)));
}

export type EntryOutcome = { entered: true; runId: string } | { entered: false; reason: "reentry" | "active_run" };

/**
 * Enters one profile into one version, honouring `reentry`: `always` supersedes the active run
 * (a profile never has two), `after_exit` waits for it to end, `never` allows one run ever.
 */
export async function enterVersion(
  tx: Tx,
  version: LoadedVersion,
  profile: ProfileRow,
  enrol: Extract<RunInput, { type: "enrol" }>,
  now: Date,
): Promise<EntryOutcome> {
  const history = await tx
    .select({ id: runs.id, status: runs.status })
    .from(runs)
    .where(and(eq(runs.journeyId, version.journeyId), eq(runs.profileId, profile.id)))
    .orderBy(desc(runs.enteredAt));
  const active = history.find((r) => r.status === "active" || r.status === "waiting");
  if (!mayEnter(version.journey.reentry, { hasActiveRun: Boolean(active), hasAnyRun: history.length > 0 })) {
    return { entered: false, reason: "reentry" };
  }
  if (active) await applyInput(tx, active.id, { type: "cancel", reason: "superseded" }, now);
  const started = await startRun(tx, { version, profile, enrol }, now);
  return started ? { entered: true, runId: started.run.id } : { entered: false, reason: "active_run" };
}

export async function enrolOnEvent(tx: Tx, profile: ProfileRow, event: IncomingEvent, now: Date): Promise<string[]> {
  const enrolled: string[] = [];
  for (const version of await liveEventVersions(tx, profile.workspaceId, event.name)) {
    const ctx = await buildMatchContext(tx, version, profile, now);
    if (!triggerMatches(version.journey, event, ctx)) continue;
    const outcome = await enterVersion(tx, version, profile, { type: "enrol", event }, now);
    if (outcome.entered) enrolled.push(outcome.runId);
  }
  return enrolled;
}

/** How long after entry an ended run may still convert on its goal. */
const GOAL_LOOKBACK_DAYS = 60;

/**
 * Hands an event to the profile's runs that care: active ones waiting for it or ending on it
 * (`exitOn`), and recent ones, active or not, whose goal it is. Returns the runs it moved.
 */
export async function resumeOnEvent(
  tx: Tx,
  profile: ProfileRow,
  event: IncomingEvent & { at: Date },
  now: Date,
  skipRunIds: readonly string[] = [],
): Promise<string[]> {
  const candidates = await tx
    .select({ id: runs.id, versionId: runs.versionId, status: runs.status, waitingFor: runs.waitingFor })
    .from(runs)
    .where(
      and(
        eq(runs.profileId, profile.id),
        or(
          inArray(runs.status, ["active", "waiting"]),
          and(isNull(runs.convertedAt), gt(runs.enteredAt, new Date(now.getTime() - GOAL_LOOKBACK_DAYS * 86_400_000))),
        ),
      ),
    )
    .orderBy(runs.id);
  const resumed: string[] = [];
  for (const run of candidates) {
    if (skipRunIds.includes(run.id)) continue;
    const { journey } = await loadVersion(tx, run.versionId);
    const live = run.status === "active" || run.status === "waiting";
    const relevant =
      journey.goal?.event === event.name ||
      (live && (journey.exitOn.some((e) => e.event === event.name) || run.waitingFor === `event:${event.name}`));
    if (!relevant) continue;
    const result = await applyInput(tx, run.id, { type: "event", name: event.name, properties: event.properties, at: event.at.toISOString() }, now);
    if (result?.changed) resumed.push(run.id);
  }
  return resumed;
}

