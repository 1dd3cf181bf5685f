/**
 * Every graphile-worker task of the engine. `return` = done, `throw` = retry (same payload,
 * same idempotency key); a task records permanent failures itself instead of throwing them.
 */
import type { JobHelpers, Task, TaskList } from "graphile-worker";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import type { ProviderRegistry } from "@/server/channels/registry";
import { EffectSchema, RunInputSchema } from "@/server/journey/run-state";
import { applyInput } from "./apply-input";
import { callWebhook } from "./call-webhook";
import { createDispatcher } from "./dispatch-message";
import { TASKS } from "./queue";
import { runScheduleEntry } from "./schedule-entry";

export type EngineDeps = { db: Db; providers: ProviderRegistry; poolId?: string };

const isFinalAttempt = (helpers: JobHelpers) => helpers.job.attempts >= helpers.job.max_attempts;

function task<S extends z.ZodType>(schema: S, run: (payload: z.infer<S>, helpers: JobHelpers) => Promise<void>): Task {
  return async (payload, helpers) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      // A malformed job can never succeed: log and drop it instead of retrying 25 times.
      helpers.logger.error(`dropping malformed ${helpers.job.task_identifier} job: ${parsed.error.message}`);
      return;
    }
    await run(parsed.data, helpers);
  };
}

/** New messages by id; or every call still `sending` that an owner (immediate-sends.ts) left behind. */
const DispatchPayloadSchema = z.union([z.object({ messageIds: z.array(z.uuid()).min(1) }), z.object({ owner: z.string().min(1) })]);

async function callsOwnedBy(db: Db, owner: string): Promise<string[]> {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.status, "sending"), eq(messages.dispatchJobId, owner)));
  return rows.map((r) => r.id);
}

export function createTaskList({ db, providers, poolId }: EngineDeps): TaskList {
  const dispatcher = createDispatcher(db, providers);
  return {
    [TASKS.runInput]: task(z.object({ runId: z.uuid(), input: RunInputSchema }), async ({ runId, input }) => {
      await db.transaction((tx) => applyInput(tx, runId, input));
    }),
    [TASKS.dispatchMessage]: task(DispatchPayloadSchema, async (payload, helpers) => {
      const messageIds = "messageIds" in payload ? payload.messageIds : await callsOwnedBy(db, payload.owner);
      const outcomes = await Promise.allSettled(
        messageIds.map((messageId) =>
          dispatcher.dispatch({
            messageId,
            jobId: helpers.job.id,
            ...(helpers.job.key ? { jobKey: helpers.job.key } : {}),
            finalAttempt: isFinalAttempt(helpers),
            ...(poolId ? { dispatchedBy: poolId } : {}),
          }),
        ),
      );
      // Retried whole: on the retry, messages already sent are skipped, this job's unfinished calls made again.
      const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
      if (failures.length > 0) throw new AggregateError(failures, `${failures.length} of ${messageIds.length} messages failed to dispatch`);
    }),
    [TASKS.callWebhook]: task(z.object({ runId: z.uuid(), effect: EffectSchema }), async ({ runId, effect }, helpers) => {
      if (effect.type !== "webhook") return;
      await callWebhook(db, runId, effect, { finalAttempt: isFinalAttempt(helpers) });
    }),
    [TASKS.scheduleEntry]: task(z.object({ versionId: z.uuid() }), async ({ versionId }) => {
      await runScheduleEntry(db, versionId);
    }),
  };
}
