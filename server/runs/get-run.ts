/**
 * `GET /runs/{id}`: one run of the caller's workspace — where it is, on which version, its
 * interpreter state and its timeline of steps. Another workspace's run is "not found", never
 * "forbidden", so ids do not leak across workspaces.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { journeys, profiles, runs } from "@/db/schema";
import { AppError } from "@/server/errors";
import { RunStateSchema, RunStatusSchema } from "@/server/journey/run-state";
import { latestRunSteps } from "./run-steps";

/** Steps returned at most (the latest ones); a run that loops through waits can have many. */
export const MAX_RUN_STEPS = 1_000;

const Instant = z.iso.datetime({ offset: true });

export const RunStepViewSchema = z.object({
  /** `<timeline entry>.<position>`: an opaque id, stable and unique within the run (`steps` is already in order). */
  id: z.string(),
  nodeId: z.string().nullable(),
  /** entered, took, waiting, sent, deferred, suppressed, failed, outcome, late_outcome, converted, loop_limit, problem. */
  kind: z.string(),
  output: z.string().nullable(),
  detail: z.string().nullable(),
  at: Instant,
});

export const RunViewSchema = z.object({
  id: z.string(),
  journey: z.object({ id: z.string(), key: z.string(), name: z.string() }),
  version: z.number().int(),
  /** The profile's external id. */
  profileId: z.string(),
  status: RunStatusSchema,
  currentNode: z.string().nullable(),
  /** What a parked run waits for: `timer`, `event:<name>`, `dispatch`, `outcome:<outcome>`. */
  waitingFor: z.string().nullable(),
  nextWakeAt: Instant.nullable(),
  enteredAt: Instant,
  endedAt: Instant.nullable(),
  convertedAt: Instant.nullable(),
  exitReason: z.string().nullable(),
  state: RunStateSchema,
  /** Oldest first; only the latest MAX_RUN_STEPS when `stepsTruncated`. */
  steps: z.array(RunStepViewSchema),
  stepsTruncated: z.boolean(),
});
export type RunView = z.infer<typeof RunViewSchema>;

export async function getRun(db: Executor, workspaceId: string, runId: string): Promise<RunView> {
  const [row] = await db
    .select({ run: runs, journey: { id: journeys.id, key: journeys.key, name: journeys.name }, profileId: profiles.externalId })
    .from(runs)
    .innerJoin(journeys, eq(journeys.id, runs.journeyId))
    .innerJoin(profiles, eq(profiles.id, runs.profileId))
    .where(and(eq(runs.workspaceId, workspaceId), eq(runs.id, runId)));
  if (!row) throw new AppError("NOT_FOUND", `No run ${runId} in this workspace.`);
  const steps = await latestRunSteps(db, runId, MAX_RUN_STEPS + 1);
  const { run } = row;
  return {
    id: run.id,
    journey: row.journey,
    version: run.version,
    profileId: row.profileId,
    status: run.status,
    currentNode: run.currentNode,
    waitingFor: run.waitingFor,
    nextWakeAt: run.nextWakeAt?.toISOString() ?? null,
    enteredAt: run.enteredAt.toISOString(),
    endedAt: run.endedAt?.toISOString() ?? null,
    convertedAt: run.convertedAt?.toISOString() ?? null,
    exitReason: run.exitReason,
    state: RunStateSchema.parse(run.state),
    steps: steps.slice(-MAX_RUN_STEPS).map((s) => ({ ...s, at: s.at.toISOString() })),
    stepsTruncated: steps.length > MAX_RUN_STEPS,
  };
}
