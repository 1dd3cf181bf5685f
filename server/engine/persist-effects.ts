/**
 * What steps decided, as writes for many runs at once: timeline rows, outbox messages, jobs and
 * profile updates, each kind in one statement. Run inside the transaction that moved the runs,
 * so state and effects commit together.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { messages } from "@/db/schema";
import type { Effect, RunState, RunStep } from "@/server/journey/run-state";
import { allowImmediately } from "./immediate-sends";
import { enqueueStatement, TASKS, type JobSpec } from "./queue";
import { recordset } from "./sql-sets";
import type { LoadedVersion } from "./version-cache";
import type { Write } from "./writes";

/** Dispatch jobs retry transient provider errors a few times, then the send counts as failed. */
const DISPATCH_MAX_ATTEMPTS = 5;

export type RunRef = { runId: string; workspaceId: string; profileId: string; version: LoadedVersion };
export type StepOutcome = { ref: RunRef; state: RunState; effects: readonly Effect[] };

const REACHED = new Set(["delivered", "read", "opened", "clicked", "replied", "answered"]);

/**
 * Whether `effectWrites(…, { whereRunExists: true })` can write these effects: their rows are
 * each kept or dropped with their run's row. A profile update or a webhook job cannot be, so
 * those wait until the run's insert is known to have happened.
 */
export function persistsWhereRunExists(effects: readonly Effect[]): boolean {
  return effects.every((e) => e.type !== "update_profile" && e.type !== "webhook");
}

/**
 * `whereRunExists`: the runs are being inserted in the same round trip (ahead of these writes)
 * and some may not be (a conflict); each timeline row and message is written only if its run's
 * row exists, and a dispatch job skips the message ids that were not.
 */
export function effectWrites(tx: Tx, outcomes: readonly StepOutcome[], now: Date, options: { whereRunExists?: boolean } = {}): (Write | null)[] {
  const timeline: { run_id: string; steps: RunStep[] }[] = [];
  const outbox: (typeof messages.$inferInsert)[] = [];
  const jobs: JobSpec[] = [];
  /** Attributes to merge per profile, in effect order (later keys win, as `||` would). */
  const profileSets = new Map<string, { workspaceId: string; set: Record<string, unknown> }>();

  for (const { ref, state, effects } of outcomes) {
    // The send node whose fallback this step took, to link a fallback message to its primary.
    let fallbackFrom: string | undefined;
    const steps: RunStep[] = [];
    for (const effect of effects) {
      switch (effect.type) {
        case "step": {
          const { type: _step, ...entry } = effect;
          steps.push(entry);
          if (effect.kind === "took" && effect.output === "fallback") fallbackFrom = effect.nodeId;
          break;
        }
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
        case "update_profile": {
          const prior = profileSets.get(ref.profileId);
          profileSets.set(ref.profileId, { workspaceId: ref.workspaceId, set: { ...prior?.set, ...effect.set } });
          break;
        }
        case "convert":
        case "exit":
          // Both live on the run row.
          break;
        default: {
          const _exhaustive: never = effect;
          throw new Error(`unknown effect ${JSON.stringify(_exhaustive)}`);
        }
      }
    }
    if (steps.length > 0) timeline.push({ run_id: ref.runId, steps });
  }

  // Ids are made here so the batch's dispatch job goes out with the inserts (one round trip).
  const outboxRows = outbox.map((m) => ({ ...m, id: randomUUID() }));
  const immediate = allowImmediately(tx, outboxRows, now);
  if (immediate.job) jobs.push(immediate.job);
  const pending = outboxRows.filter((m) => m.status === "pending");
  if (pending.length > 0) {
    // One job for the batch's new messages: the worker's dispatcher batches them again anyway.
    // A message whose key already existed is not inserted; the job skips its unknown id.
    jobs.push({ task: TASKS.dispatchMessage, payload: { messageIds: pending.map((m) => m.id) }, maxAttempts: DISPATCH_MAX_ATTEMPTS });
  }
  const guarded = options.whereRunExists ?? false;
  const enqueueing = enqueueStatement(jobs);
  return [
    insertTimeline(timeline, now, guarded),
    updateProfiles(profileSets, now),
    insertOutbox(outboxRows, guarded, (ids) => immediate.inserted(ids)),
    enqueueing && { statement: enqueueing },
  ];
}

/**
 * Keeps only the rows (aliased `alias`) whose run exists, when `guarded`. A scalar subquery, so
 * each row is one primary-key lookup: as `exists`, the planner may hash the whole runs table.
 */
const whereRunExists = (guarded: boolean, alias: string) =>
  guarded ? sql.raw(`where ${alias}.run_id is null or (select true from runs r where r.id = ${alias}.run_id)`) : sql``;

function insertTimeline(timeline: readonly { run_id: string; steps: RunStep[] }[], now: Date, guarded: boolean): Write | null {
  if (timeline.length === 0) return null;
  return {
    statement: sql`
    insert into run_timeline (run_id, steps, at)
    select run_id, steps, ${now.toISOString()}::timestamptz
    from ${recordset(timeline, "t", "run_id uuid, steps jsonb")}
    ${whereRunExists(guarded, "t")}`,
  };
}

function updateProfiles(sets: ReadonlyMap<string, { workspaceId: string; set: Record<string, unknown> }>, now: Date): Write | null {
  if (sets.size === 0) return null;
  const rows = [...sets].map(([id, { workspaceId, set }]) => ({ id, workspace_id: workspaceId, set }));
  return {
    statement: sql`
    update profiles p set attributes = p.attributes || u.set, updated_at = ${now.toISOString()}::timestamptz
    from ${recordset(rows, "u", "id uuid, workspace_id uuid, set jsonb")}
    where p.id = u.id and p.workspace_id = u.workspace_id`,
  };
}

/** Answers with the ids it inserted (a message whose key already exists is not). */
function insertOutbox(
  outbox: readonly (typeof messages.$inferInsert & { id: string })[],
  guarded: boolean,
  inserted: (ids: ReadonlySet<string>) => void,
): Write | null {
  if (outbox.length === 0) return null;
  const rows = outbox.map((m) => ({
    id: m.id,
    workspace_id: m.workspaceId,
    run_id: m.runId,
    journey_id: m.journeyId,
    profile_id: m.profileId,
    node_id: m.nodeId,
    channel: m.channel,
    purpose: m.purpose,
    urgent: m.urgent,
    from: m.from,
    content: m.content,
    quiet_hours: m.quietHours,
    status: m.status,
    status_history: m.statusHistory,
    idempotency_key: m.idempotencyKey,
    fallback_of: m.fallbackOf,
    to: m.to ?? null,
    dispatched_by: m.dispatchedBy ?? null,
    dispatch_job_id: m.dispatchJobId ?? null,
  }));
  return {
    statement: sql`
    insert into messages (id, workspace_id, run_id, journey_id, profile_id, node_id, channel, purpose, urgent, "from", content, quiet_hours, status, status_history, idempotency_key, fallback_of, "to", dispatched_by, dispatch_job_id)
    select id, workspace_id, run_id, journey_id, profile_id, node_id, channel::channel, purpose::purpose, urgent, "from", content, quiet_hours, status, status_history, idempotency_key, fallback_of, "to", dispatched_by, dispatch_job_id
    from ${recordset(rows, "m", `id uuid, workspace_id uuid, run_id uuid, journey_id uuid, profile_id uuid, node_id text, channel text, purpose text, urgent boolean, "from" text, content jsonb, quiet_hours text, status text, status_history jsonb, idempotency_key text, fallback_of text, "to" text, dispatched_by text, dispatch_job_id text`)}
    ${whereRunExists(guarded, "m")}
    on conflict (idempotency_key) do nothing
    returning id`,
    answered: (rows) => inserted(new Set(rows.map((r) => r.id as string))),
  };
}

/** The key of the send node's latest message when it was not delivered (caps count the pair once). */
function undeliveredPrimary(state: RunState, nodeId: string): string | undefined {
  const keys = Object.entries(state.messages).filter(([, m]) => m.nodeId === nodeId);
  const last = keys.at(-1);
  if (!last) return undefined;
  return REACHED.has(last[1].status) ? undefined : last[0];
}
