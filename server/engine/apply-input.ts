/**
 * Moves runs by inputs, durably: inside the caller's transaction the run rows are locked (so
 * concurrent inputs for a run serialise on it), the pure interpreter computes each new state
 * and its effects, and states, timeline, outbox messages and jobs are written together, one
 * statement per kind for the whole batch. Sends leave the outbox later with their idempotency
 * key (dispatch-message.ts), so a crash anywhere means at most a retried provider call with
 * the same key.
 */
import { randomUUID } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { runs } from "@/db/schema";
import { step, nextWakeAt } from "@/server/journey/interpreter";
import { RunStateSchema, type Effect, type EffectOf, type RunInput, type RunState } from "@/server/journey/run-state";
import { effectWrites, persistsWhereRunExists, type StepOutcome } from "./persist-effects";
import { anyOf, recordset } from "./sql-sets";
import { buildStepContexts, loadProfilesOfRuns, type ProfileRow } from "./run-context";
import { loadVersion, type LoadedVersion } from "./version-cache";
import { runWrites, type Write } from "./writes";

export type ApplyResult = { runId: string; effects: Effect[]; changed: boolean };
export type RunInputFor = { runId: string; input: RunInput };

/** Feeds `input` to an existing run. Returns null when the run does not exist. */
export async function applyInput(tx: Tx, runId: string, input: RunInput, now = new Date()): Promise<ApplyResult | null> {
  const [result] = await applyInputs(tx, [{ runId, input }], now);
  return result ?? null;
}

/**
 * Feeds each input to its run; results in input order, null where the run does not exist.
 * Inputs for one run apply in order, each on the state the previous left; runs of one profile
 * go in separate rounds too, so each sees the profile as the previous one left it.
 * `commit`: nothing follows in the transaction, so the last round's writes carry its COMMIT.
 */
export async function applyInputs(tx: Tx, items: readonly RunInputFor[], now = new Date(), options: { commit?: boolean } = {}): Promise<(ApplyResult | null)[]> {
  const results: (ApplyResult | null)[] = items.map(() => null);
  let pending = items.map((item, index) => ({ ...item, index }));
  while (pending.length > 0) {
    const ids = [...new Set(pending.map((p) => p.runId))].sort();
    // Locked in id order, so two transactions locking overlapping runs cannot deadlock. Their
    // profiles are read in the same round trip, right behind the lock (started first, the lock
    // goes first), so a profile is read as the previous holder of its runs left it.
    const locking = tx
      .select()
      .from(runs)
      .where(anyOf(runs.id, ids))
      .orderBy(asc(runs.id))
      .for("update")
      .then((rows) => rows);
    const [rows, profileOf] = await Promise.all([locking, loadProfilesOfRuns(tx, ids)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const round: { item: (typeof pending)[number]; run: RunRow }[] = [];
    const later: typeof pending = [];
    const taken = new Set<string>();
    for (const item of pending) {
      const run = byId.get(item.runId);
      if (!run) continue;
      if (taken.has(run.id) || taken.has(run.profileId)) later.push(item);
      else {
        taken.add(run.id).add(run.profileId);
        round.push({ item, run });
      }
    }
    const versions = await Promise.all(round.map(({ run }) => loadVersion(tx, run.versionId)));
    const contexts = await buildStepContexts(
      tx,
      round.map(({ run }, i) => ({ run, version: versions[i]!, ...(profileOf.has(run.profileId) ? { profile: profileOf.get(run.profileId)! } : {}) })),
      now,
    );
    const moved: StepOutcome[] = [];
    round.forEach(({ item, run }, i) => {
      const version = versions[i]!;
      const before = RunStateSchema.parse(run.state);
      const { state, effects } = step(version.journey, before, item.input, contexts[i]!);
      const changed = effects.length > 0 || JSON.stringify(state) !== JSON.stringify(before);
      results[item.index] = { runId: run.id, effects, changed };
      if (changed) moved.push({ ref: { runId: run.id, workspaceId: run.workspaceId, profileId: run.profileId, version }, state, effects });
    });
    // Independent writes, sent together (one round trip).
    await runWrites(tx, [...effectWrites(tx, moved, now), updateRuns(moved)], { commit: (options.commit ?? false) && later.length === 0 });
    pending = later;
  }
  return results;
}

type RunRow = typeof runs.$inferSelect;

export type RunStart = { version: LoadedVersion; profile: ProfileRow; enrol: Extract<RunInput, { type: "enrol" }> };

/**
 * Starts runs: enrol step and insert in one go for all. A start is null where the profile
 * already has an active run of the journey (the unique index decides under races).
 * `commit`: nothing follows in the transaction, so the last writes carry its COMMIT.
 */
export async function startRuns(tx: Tx, starts: readonly RunStart[], now = new Date(), options: { commit?: boolean } = {}): Promise<(ApplyResult | null)[]> {
  if (starts.length === 0) return [];
  const ids = starts.map(() => randomUUID());
  const contexts = await buildStepContexts(
    tx,
    starts.map((s, i) => ({ run: { id: ids[i]!, workspaceId: s.version.workspaceId, profileId: s.profile.id }, version: s.version, profile: s.profile })),
    now,
  );
  const stepped = starts.map((s, i) => step(s.version.journey, null, s.enrol, contexts[i]!));
  const rows = starts.map(({ version, profile }, i) => {
    const { state, effects } = stepped[i]!;
    const c = runColumns(state, effects);
    return {
      id: ids[i]!,
      workspace_id: version.workspaceId,
      journey_id: version.journeyId,
      version_id: version.id,
      version: version.version,
      profile_id: profile.id,
      status: c.status,
      state: c.state,
      current_node: c.currentNode,
      waiting_for: c.waitingFor,
      next_wake_at: c.nextWakeAt,
      entered_at: now,
      ended_at: isEnded(state) ? now : null,
      converted_at: c.convertedAt,
      exit_reason: c.exitReason,
    };
  });
  let started = new Set<string>();
  const insertRuns: Write = {
    statement: sql`
    insert into runs (id, workspace_id, journey_id, version_id, version, profile_id, status, state, current_node, waiting_for, next_wake_at, entered_at, ended_at, converted_at, exit_reason)
    select id, workspace_id, journey_id, version_id, version, profile_id, status, state, current_node, waiting_for, next_wake_at, entered_at, ended_at, converted_at, exit_reason
    from ${recordset(rows, "r", "id uuid, workspace_id uuid, journey_id uuid, version_id uuid, version integer, profile_id uuid, status text, state jsonb, current_node text, waiting_for text, next_wake_at timestamptz, entered_at timestamptz, ended_at timestamptz, converted_at timestamptz, exit_reason text")}
    on conflict do nothing
    returning id`,
    answered: (inserted) => (started = new Set(inserted.map((r) => r.id as string))),
  };
  const outcomes: StepOutcome[] = starts.map((s, i) => ({
    ref: { runId: ids[i]!, workspaceId: s.version.workspaceId, profileId: s.profile.id, version: s.version },
    ...stepped[i]!,
  }));
  if (outcomes.every((o) => persistsWhereRunExists(o.effects))) {
    // The effects go out right behind the insert (one round trip), each kept only if its run
    // was inserted.
    await runWrites(tx, [insertRuns, ...effectWrites(tx, outcomes, now, { whereRunExists: true })], options);
  } else {
    await runWrites(tx, [insertRuns]);
    await runWrites(
      tx,
      effectWrites(
        tx,
        outcomes.filter((o) => started.has(o.ref.runId)),
        now,
      ),
      options,
    );
  }
  return outcomes.map(({ ref, effects }): ApplyResult | null => (started.has(ref.runId) ? { runId: ref.runId, effects: [...effects], changed: true } : null));
}

const isEnded = (state: RunState) => state.status === "completed" || state.status === "exited";

function runColumns(state: RunState, effects: readonly Effect[]) {
  const exit = effects.find((e): e is EffectOf<"exit"> => e.type === "exit");
  return {
    state,
    status: state.status,
    currentNode: state.nodeId,
    waitingFor: state.wait ? describeWait(state.wait) : null,
    nextWakeAt: nextWakeAt(state),
    exitReason: exit?.reason ?? state.exitReason ?? null,
    convertedAt: state.convertedAt ? new Date(state.convertedAt) : null,
  };
}

/** One statement for all moved runs; the end, exit reason and conversion are kept once set. */
function updateRuns(moved: readonly StepOutcome[]): Write | null {
  if (moved.length === 0) return null;
  const rows = moved.map(({ ref, state, effects }) => {
    const c = runColumns(state, effects);
    return {
      id: ref.runId,
      state: c.state,
      status: c.status,
      current_node: c.currentNode,
      waiting_for: c.waitingFor,
      next_wake_at: c.nextWakeAt,
      ended: isEnded(state),
      exit_reason: c.exitReason,
      converted_at: c.convertedAt,
    };
  });
  return {
    statement: sql`
    update runs r set
      state = u.state, status = u.status, current_node = u.current_node, waiting_for = u.waiting_for,
      next_wake_at = u.next_wake_at,
      ended_at = case when u.ended then coalesce(r.ended_at, now()) else r.ended_at end,
      exit_reason = coalesce(u.exit_reason, r.exit_reason),
      converted_at = coalesce(u.converted_at, r.converted_at),
      revision = r.revision + 1
    from ${recordset(rows, "u", "id uuid, state jsonb, status text, current_node text, waiting_for text, next_wake_at timestamptz, ended boolean, exit_reason text, converted_at timestamptz")}
    where r.id = u.id`,
  };
}

function describeWait(wait: NonNullable<RunState["wait"]>): string {
  switch (wait.kind) {
    case "timer":
      return `time:${wait.until}`;
    case "event":
      return `event:${wait.event}`;
    case "dispatch":
      return `dispatch:${wait.key}`;
    case "outcome":
      return `outcome:${wait.outcome}`;
    default: {
      const _exhaustive: never = wait;
      return _exhaustive;
    }
  }
}
