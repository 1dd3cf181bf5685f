/**
 * Jobs added inside our own transactions (graphile-worker's SQL API), so a state change and
 * the work it implies commit together or not at all.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";

export const TASKS = {
  /** Decide and hand messages to their providers: `{ messageIds }`; one message's deferral is keyed `dispatch:<idempotency key>`. */
  dispatchMessage: "message_dispatch",
  /** Call a webhook node's URL: `{ runId, key }`, key `webhook:<key>`. */
  callWebhook: "webhook_call",
  /** Feed one input to one run from outside a request (e.g. exit in-flight runs on publish). */
  runInput: "run_input",
  /** Enter the profiles of a schedule-triggered journey: `{ versionId }`. */
  scheduleEntry: "schedule_entry",
} as const;
export type TaskName = (typeof TASKS)[keyof typeof TASKS];

export type JobSpec = {
  task: TaskName;
  payload: Record<string, unknown>;
  runAt?: Date;
  /** With a key, adding again replaces the pending job (its payload and run time). */
  jobKey?: string;
  maxAttempts?: number;
};

export async function enqueue(db: Executor, jobs: readonly JobSpec[]): Promise<void> {
  const statement = enqueueStatement(jobs);
  if (statement) await db.execute(statement);
}

/** The statement adding these jobs (graphile-worker's `add_jobs`), or null for none. */
export function enqueueStatement(jobs: readonly JobSpec[]): SQL | null {
  if (jobs.length === 0) return null;
  const specs = jobs.map((j) => ({
    identifier: j.task,
    payload: j.payload,
    run_at: (j.runAt ?? null)?.toISOString() ?? null,
    job_key: j.jobKey ?? null,
    max_attempts: j.maxAttempts ?? null,
  }));
  return sql`select 1 from graphile_worker.add_jobs(array(select json_populate_recordset(null::graphile_worker.job_spec, ${JSON.stringify(specs)}::text::json)))`;
}

export const dispatchJobKey = (idempotencyKey: string) => `dispatch:${idempotencyKey}`;
