/**
 * Entering profiles into live journeys: on a matching event, through the enroll endpoint, or
 * from a schedule. Re-entry rules are checked here; the database's unique index on active runs
 * is the last word when two entries race. Everything works on many entries at once so a batch
 * of events costs a few statements, not a few per event.
 */
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { journeys, journeyVersions, runs } from "@/db/schema";
import { mayEnter, triggerMatches } from "@/server/journey/interpreter";
import type { RunInput } from "@/server/journey/run-state";
import { applyInputs, startRuns, type RunStart } from "./apply-input";
import { buildMatchContexts, type ProfileRow } from "./run-context";
import { loadVersion, type LoadedVersion } from "./version-cache";
import { anyOf } from "./sql-sets";

export type IncomingEvent = { name: string; properties: Record<string, unknown> };

/** Live versions of the workspace's journeys, by the event that triggers them. */
export async function liveEventVersions(tx: Tx, workspaceId: string, eventNames: readonly string[]): Promise<Map<string, LoadedVersion[]>> {
  const names = [...new Set(eventNames)];
  const byEvent = new Map<string, LoadedVersion[]>(names.map((n) => [n, []]));
  const rows = await tx
    .select({ id: journeyVersions.id, event: journeyVersions.triggerEvent })
    .from(journeys)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)))
    .where(
      and(
        eq(journeys.workspaceId, workspaceId),
        eq(journeys.status, "live"),
        eq(journeyVersions.triggerKind, "event"),
        anyOf(journeyVersions.triggerEvent, names),
      ),
    );
  for (const row of rows) byEvent.get(row.event!)!.push(await loadVersion(tx, row.id));
  return byEvent;
}

export type EntryHistory = Pick<typeof runs.$inferSelect, "id" | "journeyId" | "profileId" | "status">[];

/** The runs re-entry rules look at: every run of these profiles in these journeys. */
export async function loadEntryHistory(tx: Tx, profileIds: readonly string[], journeyIds: readonly string[]): Promise<EntryHistory> {
  if (profileIds.length === 0 || journeyIds.length === 0) return [];
  return tx
    .select({ id: runs.id, journeyId: runs.journeyId, profileId: runs.profileId, status: runs.status })
    .from(runs)
    .where(and(anyOf(runs.profileId, profileIds), anyOf(runs.journeyId, journeyIds)));
}

export type EntryOutcome = { entered: true; runId: string } | { entered: false; reason: "reentry" | "active_run" };

/**
 * Enters profiles into versions, honouring `reentry`: `always` supersedes the active run (a
 * profile never has two), `after_exit` waits for it to end, `never` allows one run ever.
 * Entries name distinct (journey, profile) pairs. `commit`: nothing follows in the transaction.
 */
export async function enterVersions(
  tx: Tx,
  entries: readonly RunStart[],
  now: Date,
  prefetched?: EntryHistory,
  options: { commit?: boolean } = {},
): Promise<EntryOutcome[]> {
  if (entries.length === 0) return [];
  const history =
    prefetched ??
    (await loadEntryHistory(
      tx,
      entries.map((e) => e.profile.id),
      entries.map((e) => e.version.journeyId),
    ));
  const outcomes: (EntryOutcome | undefined)[] = [];
  const superseded: string[] = [];
  const starting: { index: number; start: RunStart }[] = [];
  entries.forEach((entry, index) => {
    const past = history.filter((r) => r.journeyId === entry.version.journeyId && r.profileId === entry.profile.id);
    const active = past.find((r) => r.status === "active" || r.status === "waiting");
    if (!mayEnter(entry.version.journey.reentry, { hasActiveRun: Boolean(active), hasAnyRun: past.length > 0 })) {
      outcomes[index] = { entered: false, reason: "reentry" };
      return;
    }
    if (active) superseded.push(active.id);
    starting.push({ index, start: entry });
  });
  await applyInputs(
    tx,
    superseded.map((runId) => ({ runId, input: { type: "cancel", reason: "superseded" } })),
    now,
  );
  const started = await startRuns(
    tx,
    starting.map((s) => s.start),
    now,
    options,
  );
  starting.forEach(({ index }, i) => {
    const run = started[i];
    outcomes[index] = run ? { entered: true, runId: run.runId } : { entered: false, reason: "active_run" };
  });
  return outcomes.map((o) => o!);
}

export async function enterVersion(
  tx: Tx,
  version: LoadedVersion,
  profile: ProfileRow,
  enrol: Extract<RunInput, { type: "enrol" }>,
  now: Date,
): Promise<EntryOutcome> {
  const [outcome] = await enterVersions(tx, [{ version, profile, enrol }], now);
  return outcome!;
}

export type ProfileEvent = { profile: ProfileRow; event: IncomingEvent & { at: Date }; now: Date };

/**
 * Enters each event's profile into the live journeys its event triggers (`versions`, from
 * liveEventVersions); the run ids entered, per event. Events name distinct profiles. `history`
 * (loadEntryHistory, for the events' profiles and the versions' journeys) may be read ahead.
 * `commit`: nothing follows in the transaction, so the last runs' writes carry its COMMIT.
 */
export async function enrolOnEvents(
  tx: Tx,
  versions: ReadonlyMap<string, LoadedVersion[]>,
  events: readonly ProfileEvent[],
  history?: EntryHistory,
  options: { commit?: boolean } = {},
): Promise<string[][]> {
  const candidates = events.flatMap((e, index) => (versions.get(e.event.name) ?? []).map((version) => ({ index, version, ...e })));
  const contexts = await buildMatchContexts(tx, candidates, candidates[0]?.now ?? new Date());
  const matching = candidates.filter((c, i) => triggerMatches(c.version.journey, c.event, { ...contexts[i]!, now: c.now }));
  const enrolled: string[][] = events.map(() => []);
  // A batch's events share one clock unless a caller injected its own: each run starts at its event's `now`.
  const clocks = [...new Set(matching.map((m) => m.now.getTime()))];
  for (const [n, at] of clocks.entries()) {
    const now = new Date(at);
    const group = matching.filter((m) => m.now.getTime() === at);
    const outcomes = await enterVersions(
      tx,
      group.map((m) => ({ version: m.version, profile: m.profile, enrol: { type: "enrol", event: { name: m.event.name, properties: m.event.properties } } })),
      now,
      history,
      { commit: (options.commit ?? false) && n === clocks.length - 1 },
    );
    outcomes.forEach((o, i) => {
      if (o.entered) enrolled[group[i]!.index]!.push(o.runId);
    });
  }
  return enrolled;
}

/** How long after entry an ended run may still convert on its goal. */
const GOAL_LOOKBACK_DAYS = 60;

export type ResumableRun = Pick<typeof runs.$inferSelect, "id" | "profileId" | "versionId" | "status" | "waitingFor" | "enteredAt">;

/**
 * The profiles' runs an event could move: active ones, and recent ones whose goal it may be.
 * Read before the batch enters new runs (it can go out with the batch's first writes), so a run
 * an event has just entered is never handed that same event.
 */
export async function loadResumableRuns(tx: Tx, profileIds: readonly string[], earliest: Date): Promise<ResumableRun[]> {
  if (profileIds.length === 0) return [];
  return tx
    .select({ id: runs.id, profileId: runs.profileId, versionId: runs.versionId, status: runs.status, waitingFor: runs.waitingFor, enteredAt: runs.enteredAt })
    .from(runs)
    .where(
      and(
        anyOf(runs.profileId, profileIds),
        or(inArray(runs.status, ["active", "waiting"]), and(isNull(runs.convertedAt), gt(runs.enteredAt, goalLookbackStart(earliest)))),
      ),
    )
    .orderBy(runs.id);
}

const goalLookbackStart = (now: Date) => new Date(now.getTime() - GOAL_LOOKBACK_DAYS * 86_400_000);

/**
 * Hands each event to its profile's runs that care (from `loadResumableRuns`): active ones
 * waiting for it or ending on it (`exitOn`), and recent ones, active or not, whose goal it is.
 * Returns the runs each moved. Events name distinct profiles. `commit`: nothing follows in the
 * transaction, so the last runs' writes carry its COMMIT.
 */
export async function resumeOnEvents(
  tx: Tx,
  events: readonly ProfileEvent[],
  candidates: readonly ResumableRun[],
  options: { commit?: boolean } = {},
): Promise<string[][]> {
  const resumed: string[][] = events.map(() => []);
  if (events.length === 0) return resumed;
  const clocks = [...new Set(events.map((e) => e.now.getTime()))];
  for (const [n, at] of clocks.entries()) {
    const now = new Date(at);
    const moves: { index: number; runId: string; input: RunInput }[] = [];
    for (const [index, { profile, event }] of events.entries()) {
      if (events[index]!.now.getTime() !== at) continue;
      for (const run of candidates) {
        if (run.profileId !== profile.id) continue;
        const live = run.status === "active" || run.status === "waiting";
        if (!live && run.enteredAt <= goalLookbackStart(now)) continue;
        const { journey } = await loadVersion(tx, run.versionId);
        const relevant =
          journey.goal?.event === event.name ||
          (live && (journey.exitOn.some((e) => e.event === event.name) || run.waitingFor === `event:${event.name}`));
        if (relevant) moves.push({ index, runId: run.id, input: { type: "event", name: event.name, properties: event.properties, at: event.at.toISOString() } });
      }
    }
    const results = await applyInputs(tx, moves, now, { commit: (options.commit ?? false) && n === clocks.length - 1 });
    results.forEach((r, i) => {
      if (r?.changed) resumed[moves[i]!.index]!.push(r.runId);
    });
  }
  return resumed;
}
