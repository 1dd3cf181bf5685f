/**
 * Immediate sends against real Postgres and no worker: an API event's allowed sends leave
 * from the ingesting process right after the commit; everything else, and every failure, is
 * left to the dispatch job committed with them.
 */
import { eq, sql } from "drizzle-orm";
import type { JobHelpers } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/db/client";
import { messages, sandboxMessages } from "@/db/schema";
import { makeContact, makeSendingWorkspace, publishDocument, smsJourney, stepsOf } from "@/db/test/engine-harness";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { ProviderError } from "@/server/channels/provider";
import { createProviderRegistry, type ProviderRegistry } from "@/server/channels/registry";
import { recordConsent } from "@/server/consent/record-consent";
import { IMMEDIATE_SEND_SAFETY_NET_MS, enableImmediateSends } from "./immediate-sends";
import { ingestEvent } from "./ingest-event";
import { TASKS } from "./queue";
import { createTaskList } from "./task-list";

let t: TestDatabase;
/** Immediate sends through the sandbox, as the API process has them. */
let api: Database;
beforeAll(async () => {
  t = await createTestDatabase();
  api = createDatabase(t.url);
  enableImmediateSends(api.db, createProviderRegistry);
});
afterAll(async () => {
  await api.close();
  await t.drop();
});

async function messageOf(runId: string) {
  const [m] = await t.db.select().from(messages).where(eq(messages.runId, runId));
  return m!;
}

async function sandboxRowsOf(key: string) {
  return t.db.select().from(sandboxMessages).where(eq(sandboxMessages.idempotencyKey, key));
}

async function jobsKeyed(key: string) {
  return t.db.execute<{ runAt: number; payload: { owner: string } }>(
    sql`select extract(epoch from run_at) * 1000 as "runAt", payload from graphile_worker._private_jobs where key = ${key}`,
  );
}

const jobHelpers = (id: string, key: string | null) =>
  ({ job: { id, key, attempts: 1, max_attempts: 5, task_identifier: TASKS.dispatchMessage } }) as unknown as JobHelpers;

/** The sandbox, failing every call to the numbers in `failing`; counts calls per key. */
function flakySandbox(failing: Set<string>) {
  const calls = new Map<string, number>();
  const providersFor = (db: Parameters<typeof createProviderRegistry>[0]): ProviderRegistry => {
    const base = createProviderRegistry(db);
    return {
      forChannel: async (workspaceId, channel) => {
        const provider = await base.forChannel(workspaceId, channel);
        return {
          ...provider,
          send: async (message) => {
            calls.set(message.idempotencyKey, (calls.get(message.idempotencyKey) ?? 0) + 1);
            if (failing.has(message.to)) throw new ProviderError("timeout", false);
            return provider.send(message);
          },
        };
      },
    };
  };
  return { providersFor, calls };
}

describe("an API event whose journey sends an SMS at once", () => {
  it("has the SMS at the sandbox right after the event is stored, with no worker running, and its run moved on", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("otp-now"));
    const person = await makeContact(t.db, ws.id);

    const { enrolled } = await ingestEvent(api.db, ws.id, { profileId: person.externalId, name: "otp-now" });
    const runId = enrolled[0]!;
    await expect.poll(async () => (await messageOf(runId)).status, { timeout: 5_000, interval: 20 }).toBe("sent");

    const message = await messageOf(runId);
    expect(message.statusHistory.map((h) => h.status)).toEqual(["pending", "sending", "sent"]);
    expect(message).toMatchObject({ to: person.phone, from: "+15005550006" });
    expect(message.dispatchedBy).toMatch(/^immediate:/);
    const [row] = await sandboxRowsOf(message.idempotencyKey);
    expect(row).toMatchObject({ calls: 1, to: person.phone });
    expect(message.providerMessageId).toBe(row!.id);
    expect(await stepsOf(t.db, runId)).toContainEqual(expect.objectContaining({ kind: "took", nodeId: "sms", output: "next" }));

    // Its safety net, when it runs, finds nothing left to call.
    const [safetyNet] = await jobsKeyed(message.dispatchJobId!);
    expect(safetyNet!.payload).toEqual({ owner: message.dispatchJobId });
    const dispatchJob = createTaskList({ db: t.db, providers: createProviderRegistry(t.db) })[TASKS.dispatchMessage]!;
    await dispatchJob(safetyNet!.payload, jobHelpers("9", message.dispatchJobId));
    expect((await sandboxRowsOf(message.idempotencyKey))[0]!.calls).toBe(1);
  });

  it("shares one safety-net job with the other immediate sends of its window, whatever their transaction", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("otp-window"));
    const people = await Promise.all([1, 2, 3].map(() => makeContact(t.db, ws.id)));
    const runIds: string[] = [];
    // One after the other: three transactions.
    for (const p of people) runIds.push(...(await ingestEvent(api.db, ws.id, { profileId: p.externalId, name: "otp-window" })).enrolled);

    const owners = new Set((await Promise.all(runIds.map(messageOf))).map((m) => m.dispatchJobId!));
    // Three sends a few milliseconds apart fall in one window, or two when they straddle its end.
    expect(owners.size).toBeLessThanOrEqual(2);
    for (const owner of owners) expect(await jobsKeyed(owner)).toHaveLength(1);
  });
});

describe("an immediate send on an injected clock", () => {
  it("still gets its safety net after the real window, never while its own call may be in flight", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("otp-past"));
    const person = await makeContact(t.db, ws.id);
    const before = Date.now();
    const { enrolled } = await ingestEvent(api.db, ws.id, { profileId: person.externalId, name: "otp-past" }, new Date(before - 3_600_000));
    const message = await messageOf(enrolled[0]!);
    expect(message.dispatchJobId).not.toBeNull();
    const [safetyNet] = await jobsKeyed(message.dispatchJobId!);
    expect(Number(safetyNet!.runAt)).toBeGreaterThanOrEqual(before + IMMEDIATE_SEND_SAFETY_NET_MS);
  });
});

describe("a send the policies hold back", () => {
  it("is left pending for the dispatcher, due at once, and nothing reaches the sandbox", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("promo-no-consent", { purpose: "marketing" }));
    const person = await makeContact(t.db, ws.id);

    const { enrolled } = await ingestEvent(api.db, ws.id, { profileId: person.externalId, name: "promo-no-consent" });
    const message = await messageOf(enrolled[0]!);

    expect(message).toMatchObject({ status: "pending", dispatchJobId: null, dispatchedBy: null });
    const [job] = await t.db.execute<{ runAt: number }>(sql`
      select extract(epoch from run_at) * 1000 as "runAt" from graphile_worker._private_jobs where (payload->'messageIds')::jsonb ? ${message.id}::text`);
    expect(Number(job!.runAt)).toBeLessThanOrEqual(Date.now());
    expect(await sandboxRowsOf(message.idempotencyKey)).toEqual([]);
  });

  it("includes a second marketing SMS over the cap: the first goes at once, the second waits for the dispatcher", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("promo-capped", { purpose: "marketing" }));
    const person = await makeContact(t.db, ws.id);
    await recordConsent(t.db, ws.id, person.id, { channel: "sms", purpose: "marketing", status: "opted_in", source: "test" });

    // One profile's events never share a batch: the second is decided once the first has committed.
    const [first, second] = await Promise.all(
      [1, 2].map(() => ingestEvent(api.db, ws.id, { profileId: person.externalId, name: "promo-capped" })),
    );

    await expect.poll(async () => (await messageOf(first!.enrolled[0]!)).status, { timeout: 5_000, interval: 20 }).toBe("sent");
    expect((await messageOf(second!.enrolled[0]!)).status).toBe("pending");
    const sandboxed = await t.db.select().from(sandboxMessages).where(eq(sandboxMessages.to, person.phone!));
    expect(sandboxed).toHaveLength(1);
  });
});

describe("an immediate send that fails transiently", () => {
  it("stays `sending` for its safety-net job, which alone repeats the call, with the same key, once", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("otp-flaky"));
    const person = await makeContact(t.db, ws.id);
    const failing = new Set([person.phone!]);
    const { providersFor, calls } = flakySandbox(failing);
    const flaky = createDatabase(t.url);
    try {
      enableImmediateSends(flaky.db, providersFor);
      const before = Date.now();
      const { enrolled } = await ingestEvent(flaky.db, ws.id, { profileId: person.externalId, name: "otp-flaky" });
      const message = await messageOf(enrolled[0]!);
      await expect.poll(() => calls.get(message.idempotencyKey), { timeout: 5_000, interval: 20 }).toBe(1);

      expect((await messageOf(enrolled[0]!)).status).toBe("sending");
      expect(await sandboxRowsOf(message.idempotencyKey)).toEqual([]);
      const [safetyNet] = await jobsKeyed(message.dispatchJobId!);
      expect(safetyNet!.payload).toEqual({ owner: message.dispatchJobId });
      expect(Number(safetyNet!.runAt)).toBeGreaterThanOrEqual(before + IMMEDIATE_SEND_SAFETY_NET_MS);

      failing.clear();
      const dispatchJob = createTaskList({ db: t.db, providers: providersFor(t.db) })[TASKS.dispatchMessage]!;
      // Another dispatch job naming the message leaves the call to its owner.
      await dispatchJob({ messageIds: [message.id] }, jobHelpers("7", null));
      expect(calls.get(message.idempotencyKey)).toBe(1);
      await dispatchJob(safetyNet!.payload, jobHelpers("8", message.dispatchJobId));

      expect((await messageOf(enrolled[0]!)).status).toBe("sent");
      expect(calls.get(message.idempotencyKey)).toBe(2);
      const [row] = await sandboxRowsOf(message.idempotencyKey);
      expect(row!.calls).toBe(1);
    } finally {
      await flaky.close();
    }
  });
});
