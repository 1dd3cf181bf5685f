/**
 * Moves one run by one input, durably: inside the caller's transaction the run row is locked
 * (so concurrent inputs for a run serialise on it), the pure interpreter computes the new state
 * and effects, and state, timeline, outbox messages and jobs are written together. Sends leave
 * the outbox later with their idempotency key (dispatch-message.ts), so a crash anywhere means
 * at most a retried provider call with the same key.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { messages, profiles, runs, runSteps } from "@/db/schema";
import { step, nextWakeAt } from "@/server/journey/interpreter";
import { RunStateSchema, type Effect, type EffectOf, type RunInput, type RunState } from "@/server/journey/run-state";
import { buildStepContext, type ProfileRow } from "./run-context";
import { dispatchJobKey, enqueue, TASKS, type JobSpec } from "./queue";
import type { LoadedVersion } from "./version-cache";
import { loadVersion } from "./version-cache";

export type RunRow = typeof runs.$inferSelect;
export type ApplyResult = { run: RunRow; effects: Effect[]; changed: boolean };

/** Dispatch jobs retry transient provider errors a few times, then the send counts as failed. */
export const DISPATCH_MAX_ATTEMPTS = 5;

/** Feeds `input` to an existing run. Returns null when the run does not exist. */
export async function applyInput(tx: Tx, runId: string, input: RunInput, now = new Date()): Promise<ApplyResult | null> {
  const [run] = await tx.select().from(runs).where(eq(runs.id, runId)).for("update");
  if (!run) return null;
  const version = await loadVersion(tx, run.versionId);
  const before = RunStateSchema.parse(run.state);
  const ctx = await buildStepContext(tx, run, version, now);
  const { state, effects } = step(version.journey, before, input, ctx);
  if (effects.length === 0 && JSON.stringify(state) === JSON.stringify(before)) return { run, effects, changed: false };
  await persistEffects(tx, { runId, workspaceId: run.workspaceId, profileId: run.profileId, version }, state, effects, now);
  const [updated] = await tx
    .update(runs)
    .set({ ...runColumns(state, effects), revision: sql`${runs.revision} + 1` })
    .where(eq(runs.id, runId))
    .returning();
  return { run: updated!, effects, changed: true };
}

/**
 * Starts a run of `version` for a profile: enrol step and insert in one go. Returns null if the
 * profile already has an active run of the journey (the unique index decides under races).
 */
export async function startRun(
  tx: Tx,
  input: { version: LoadedVersion; profile: ProfileRow; enrol: Extract<RunInput, { type: "enrol" }> },
  now = new Date(),
): Promise<ApplyResult | null> {
  const runId = randomUUID();
  const { version, profile } = input;
  const ctx = await buildStepContext(tx, { id: runId, workspaceId: version.workspaceId, profileId: profile.id }, version, now, profile);
  const { state, effects } = step(version.journey, null, input.enrol, ctx);
  const inserted = await tx
    .insert(runs)
    .values({
      id: runId,
      workspaceId: version.workspaceId,
      journeyId: version.journeyId,
      versionId: version.id,
      version: version.version,
      profileId: profile.id,
      enteredAt: now,
      ...runColumns(state, effects),
    })
    .onConflictDoNothing()
    .returning();
  const run = inserted[0];
  if (!run) return null;
  await persistEffects(tx, { runId, workspaceId: version.workspaceId, profileId: profile.id, version }, state, effects, now);
  return { run, effects, changed: true };
}

function runColumns(state: RunState, effects: readonly Effect[]) {
  const exit = effects.find((e): e is EffectOf<"exit"> => e.type === "exit");
  const ended = state.status === "completed" || state.status === "exited";
  return {
    state,
    status: state.status,
    currentNode: state.nodeId,
    waitingFor: state.wait ? describeWait(state.wait) : null,
    nextWakeAt: nextWakeAt(state),
    ...(ended ? { endedAt: sql`coalesce(${runs.endedAt}, now())` as unknown as Date } : {}),
    ...(exit ? { exitReason: exit.reason } : state.exitReason ? { exitReason: state.exitReason } : {}),
    ...(state.convertedAt ? { convertedAt: new Date(state.convertedAt) } : {}),
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

type RunRef = { runId: string; workspaceId: string; profileId: string; version: LoadedVersion };

const REACHED = new Set(["delivered", "read", "opened", "clicked", "replied", "answered"]);

/** Writes a step's effects: timeline rows, outbox messages, jobs, profile updates. */
async function persistEffects(tx: Tx, ref: RunRef, state: RunState, effects: readonly Effect[], now: Date): Promise<void> {
  const steps: (typeof runSteps.$inferInsert)[] = [];
  const outbox: (typeof messages.$inferInsert)[] = [];
  const jobs: JobSpec[] = [];
  // The send node whose fallback this step took, to link a fallback message to its primary.
  let fallbackFrom: string | undefined;

  for (const effect of effects) {
    switch (effect.type) {
      case "step":
        steps.push({
          workspaceId: ref.workspaceId,
          runId: ref.runId,
          nodeId: effect.nodeId ?? null,
          kind: effect.kind,
          output: effect.output ?? null,
          detail: effect.detail ?? null,
          at: now,
        });
        if (effect.kind === "took" && effect.output === "fallback") fallbackFrom = effect.nodeId;
        break;
      case "send": {
        const primary = fallbackFrom ? undeliveredPrimary(state, fallbackFrom) : undefined;
        outbox.push({
          workspaceId: ref.workspaceId,
          runId: ref.runId,
          journeyId: ref.version.journeyId,
          profileId: ref.profileId,
          nodeId: effect.nodeId,
          channel: effect.channel,
          purpose: effect.purpose,
          urgent: effect.urgent,
          from: effect.senderId ?? null,
          content: effect.content,
          quietHours: effect.quietHours,
          status: "pending",
          statusHistory: [{ status: "pending", at: now.toISOString() }],
          idempotencyKey: effect.key,
          fallbackOf: primary ?? null,
        });
        fallbackFrom = undefined;
        break;
      }
      case "webhook":
        jobs.push({
          task: TASKS.callWebhook,
          payload: { runId: ref.runId, effect },
          jobKey: `webhook:${effect.key}`,
          maxAttempts: DISPATCH_MAX_ATTEMPTS,
        });
        break;
      case "schedule":
      case "unschedule":
        // The wake-up lives on the run row (next_wake_at, from the state); wake-due-runs.ts polls it.
        break;
      case "update_profile":
        await tx
          .update(profiles)
          .set({ attributes: sql`${profiles.attributes} || ${JSON.stringify(effect.set)}::text::jsonb`, updatedAt: now })
          .where(and(eq(profiles.id, ref.profileId), eq(profiles.workspaceId, ref.workspaceId)));
        break;
      case "convert":
      case "exit":
        // Both live on the run row (runColumns).
        break;
      default: {
        const _exhaustive: never = effect;
        throw new Error(`unknown effect ${JSON.stringify(_exhaustive)}`);
      }
    }
  }

  if (steps.length > 0) await tx.insert(runSteps).values(steps);
  if (outbox.length > 0) {
    const inserted = await tx
      .insert(messages)
      .values(outbox)
      .onConflictDoNothing({ target: messages.idempotencyKey })
      .returning({ id: messages.id, key: messages.idempotencyKey });
    for (const m of inserted) {
      jobs.push({ task: TASKS.dispatchMessage, payload: { messageId: m.id }, jobKey: dispatchJobKey(m.key), maxAttempts: DISPATCH_MAX_ATTEMPTS });
    }
  }
  await enqueue(tx, jobs);
}

/** The key of the send node's latest message when it was not delivered (caps count the pair once). */
function undeliveredPrimary(state: RunState, nodeId: string): string | undefined {
  const keys = Object.entries(state.messages).filter(([, m]) => m.nodeId === nodeId);
  const last = keys.at(-1);
  if (!last) return undefined;
  return REACHED.has(last[1].status) ? undefined : last[0];
}
