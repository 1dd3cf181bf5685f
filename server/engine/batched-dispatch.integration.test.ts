/**
 * Batched dispatch and receipts against real Postgres, with no worker: each test calls
 * `dispatchMessages` / `ingestReceipts` itself with many items at once and checks the rows
 * (messages, runs, timelines, sandbox records, receipt inbox, queued jobs) one by one.
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { JobHelpers } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageReceipts, messages, runs, sandboxMessages, sandboxScripts } from "@/db/schema";
import { makeContact, makeSendingWorkspace, publishDocument, smsJourney, stepsOf as stepsOfRun } from "@/db/test/engine-harness";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { ProviderError, type ChannelProvider } from "@/server/channels/provider";
import { createProviderRegistry, type ProviderRegistry } from "@/server/channels/registry";
import { SANDBOX, scriptSandboxOutcome } from "@/server/channels/sandbox/sandbox-provider";
import { recordConsent } from "@/server/consent/record-consent";
import { RunStateSchema } from "@/server/journey/run-state";
import { dispatchMessages } from "./dispatch-message";
import { TASKS } from "./queue";
import { createTaskList } from "./task-list";
import { ingestEvent } from "./ingest-event";
import { ingestReceipts } from "./receipts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** Enters `profile` into the journey triggered by `event`; returns its run and pending SMS. */
async function enter(workspaceId: string, profile: { externalId: string }, event: string) {
  const { enrolled } = await ingestEvent(t.db, workspaceId, { profileId: profile.externalId, name: event });
  expect(enrolled).toHaveLength(1);
  const runId = enrolled[0]!;
  const [message] = await t.db.select().from(messages).where(eq(messages.runId, runId));
  expect(message).toMatchObject({ status: "pending", nodeId: "sms" });
  return { runId, message: message! };
}

/** A sending workspace with `smsJourney(key)` published and `count` contacts entered into it. */
async function enteredBatch(key: string, count: number, options?: Parameters<typeof smsJourney>[1]) {
  const ws = await makeSendingWorkspace(t.db);
  await publishDocument(t.db, ws.id, smsJourney(key, options));
  const people = await Promise.all(Array.from({ length: count }, () => makeContact(t.db, ws.id)));
  const entered = await Promise.all(people.map((p) => enter(ws.id, p, key)));
  return { ws, people, entered };
}

async function messageById(id: string) {
  const [m] = await t.db.select().from(messages).where(eq(messages.id, id));
  return m!;
}

async function stepsOf(runId: string) {
  const steps = await stepsOfRun(t.db, runId);
  return steps.map((s) => ({ kind: s.kind, nodeId: s.nodeId, output: s.output, detail: s.detail }));
}

async function sandboxRowsFor(keys: readonly string[]) {
  return t.db.select().from(sandboxMessages).where(inArray(sandboxMessages.idempotencyKey, [...keys]));
}

const historyOf = (m: { statusHistory: { status: string }[] }) => m.statusHistory.map((h) => h.status);

/**
 * The sandbox behind a wrapper that counts calls per idempotency key and throws the given
 * error for a recipient before the sandbox ever sees the message.
 */
function wrappedSandbox(failFor: Map<string, Error> = new Map()) {
  const base = createProviderRegistry(t.db);
  const calls = new Map<string, number>();
  const registry: ProviderRegistry = {
    forChannel: async (workspaceId, channel) => {
      const provider = await base.forChannel(workspaceId, channel);
      const wrapped: ChannelProvider = {
        name: provider.name,
        channels: provider.channels,
        deduplicates: provider.deduplicates,
        send: async (message) => {
          calls.set(message.idempotencyKey, (calls.get(message.idempotencyKey) ?? 0) + 1);
          const failure = failFor.get(message.to);
          if (failure) throw failure;
          return provider.send(message);
        },
      };
      return wrapped;
    },
  };
  return { registry, calls };
}

describe("a batch of 20 SMS for 20 profiles", () => {
  it("sends every one, records each in the sandbox and moves each run on", async () => {
    const { ws, people, entered } = await enteredBatch("batch-twenty", 20);
    const { registry, calls } = wrappedSandbox();

    const outcomes = await dispatchMessages(
      t.db,
      registry,
      entered.map((e) => ({ messageId: e.message.id, dispatchedBy: "pool-test" })),
    );

    expect(outcomes).toEqual(entered.map(() => "sent"));
    const keys = entered.map((e) => e.message.idempotencyKey);
    const sandboxRows = await sandboxRowsFor(keys);
    expect(sandboxRows).toHaveLength(20);
    const sandboxByKey = new Map(sandboxRows.map((r) => [r.idempotencyKey, r]));
    for (const [i, { runId, message }] of entered.entries()) {
      expect(calls.get(message.idempotencyKey)).toBe(1);
      const record = sandboxByKey.get(message.idempotencyKey)!;
      expect(record).toMatchObject({ workspaceId: ws.id, channel: "sms", to: people[i]!.phone, from: "+15005550006", calls: 1 });
      expect(record.content).toEqual({ body: "Hello Sam. Reply STOP to opt out." });

      const row = await messageById(message.id);
      expect(row).toMatchObject({
        status: "sent",
        provider: SANDBOX,
        providerMessageId: record.id,
        to: people[i]!.phone,
        from: "+15005550006",
        dispatchedBy: "pool-test",
        reason: null,
      });
      expect(historyOf(row)).toEqual(["pending", "sending", "sent"]);

      const steps = await stepsOf(runId);
      expect(steps).toContainEqual({ kind: "sent", nodeId: "sms", output: null, detail: null });
      expect(steps).toContainEqual({ kind: "took", nodeId: "sms", output: "next", detail: null });
      const [run] = await t.db.select().from(runs).where(eq(runs.id, runId));
      expect(run).toMatchObject({ status: "completed", currentNode: "end" });
      expect(RunStateSchema.parse(run!.state).messages[message.idempotencyKey]?.status).toBe("sent");
    }
  });
});

describe("frequency caps inside one batch", () => {
  it("sends the first of three marketing SMS for one profile and suppresses the other two", async () => {
    const ws = await makeSendingWorkspace(t.db);
    const keys = ["cap-a", "cap-b", "cap-c"];
    for (const key of keys) await publishDocument(t.db, ws.id, smsJourney(key, { purpose: "marketing" }));
    const p = await makeContact(t.db, ws.id);
    await recordConsent(t.db, ws.id, p.id, { channel: "sms", purpose: "marketing", status: "opted_in", source: "test" });
    const entered = [];
    for (const key of keys) entered.push(await enter(ws.id, p, key));

    const outcomes = await dispatchMessages(
      t.db,
      createProviderRegistry(t.db),
      entered.map((e) => ({ messageId: e.message.id })),
    );

    expect(outcomes).toEqual(["sent", "suppressed", "suppressed"]);
    const rows = await Promise.all(entered.map((e) => messageById(e.message.id)));
    expect(rows.map((r) => [r.status, r.reason])).toEqual([
      ["sent", null],
      ["suppressed", "frequency_cap"],
      ["suppressed", "frequency_cap"],
    ]);
    for (const r of rows.slice(1)) {
      expect(r.statusHistory.map((h) => [h.status, h.reason])).toEqual([
        ["pending", undefined],
        ["suppressed", "frequency_cap"],
      ]);
    }
    const sandboxRows = await t.db.select().from(sandboxMessages).where(eq(sandboxMessages.workspaceId, ws.id));
    expect(sandboxRows.map((r) => r.idempotencyKey)).toEqual([entered[0]!.message.idempotencyKey]);
    // The suppressed runs heard why.
    for (const e of entered.slice(1)) {
      expect(await stepsOf(e.runId)).toContainEqual({ kind: "suppressed", nodeId: "sms", output: null, detail: "frequency_cap" });
    }
  });
});

describe("frequency caps across batches decided at the same time", () => {
  it("lets one marketing SMS per profile through when two batches hold that profile's messages", async () => {
    const ws = await makeSendingWorkspace(t.db);
    const keys = ["race-a", "race-b"];
    for (const key of keys) await publishDocument(t.db, ws.id, smsJourney(key, { purpose: "marketing" }));
    const people = await Promise.all(Array.from({ length: 30 }, () => makeContact(t.db, ws.id)));
    const pairs = [];
    for (const p of people) {
      await recordConsent(t.db, ws.id, p.id, { channel: "sms", purpose: "marketing", status: "opted_in", source: "test" });
      pairs.push([await enter(ws.id, p, "race-a"), await enter(ws.id, p, "race-b")] as const);
    }

    // Each profile's two messages sit in different batches, decided concurrently.
    const registry = createProviderRegistry(t.db);
    const [first, second] = await Promise.all([
      dispatchMessages(t.db, registry, pairs.map(([a]) => ({ messageId: a.message.id }))),
      dispatchMessages(t.db, registry, pairs.map(([, b]) => ({ messageId: b.message.id }))),
    ]);

    pairs.forEach((_, i) => expect([first[i], second[i]].sort()).toEqual(["sent", "suppressed"]));
    const sandboxRows = await t.db.select().from(sandboxMessages).where(eq(sandboxMessages.workspaceId, ws.id));
    expect(sandboxRows).toHaveLength(people.length);
  });
});

describe("the dispatch job of a batch of new messages", () => {
  it("fails as a whole on a transient error, and its retry sends only what is left, each message once", async () => {
    const { people, entered } = await enteredBatch("job-batch", 4);
    const failFor = new Map<string, Error>([[people[1]!.phone!, new ProviderError("timeout", false)]]);
    const { registry, calls } = wrappedSandbox(failFor);
    const dispatchJob = createTaskList({ db: t.db, providers: registry })[TASKS.dispatchMessage]!;
    const helpers = (attempts: number, id = "42") => ({ job: { id, attempts, max_attempts: 5, task_identifier: TASKS.dispatchMessage } }) as unknown as JobHelpers;
    const payload = { messageIds: entered.map((e) => e.message.id) };

    await expect(dispatchJob(payload, helpers(1))).rejects.toThrow("1 of 4 messages failed to dispatch");
    expect((await Promise.all(entered.map((e) => messageById(e.message.id)))).map((m) => m.status)).toEqual(["sent", "sending", "sent", "sent"]);

    failFor.clear();
    // Another job naming the same message (say, a deferral's), even on its own retry, leaves this
    // job's call alone: it may still be in flight.
    await dispatchJob(payload, helpers(2, "43"));
    expect(calls.get(entered[1]!.message.idempotencyKey)).toBe(1);
    await dispatchJob(payload, helpers(2));
    expect((await Promise.all(entered.map((e) => messageById(e.message.id)))).map((m) => m.status)).toEqual(["sent", "sent", "sent", "sent"]);
    const rows = await sandboxRowsFor(entered.map((e) => e.message.idempotencyKey));
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.calls === 1)).toBe(true);
    // Only the failed message was called again, with the same key.
    expect(entered.map((e) => calls.get(e.message.idempotencyKey))).toEqual([1, 2, 1, 1]);
  });
});

describe("a batch with provider errors", () => {
  it("returns an Error for a transient failure (retried later, sent once), fails a permanent one down fallback, sends the rest", async () => {
    const { ws, people, entered } = await enteredBatch("mixed", 6, { fallback: true });
    const [transient, permanent, lastTry, ...healthy] = entered;
    const failFor = new Map<string, Error>([
      [people[0]!.phone!, new ProviderError("timeout", false)],
      [people[1]!.phone!, new ProviderError("invalid number", true, "21211")],
      [people[2]!.phone!, new ProviderError("503", false)],
    ]);
    const { registry } = wrappedSandbox(failFor);

    const outcomes = await dispatchMessages(
      t.db,
      registry,
      entered.map((e, i) => ({ messageId: e.message.id, jobId: "job-1", ...(i === 2 ? { finalAttempt: true } : {}) })),
    );

    expect(outcomes[0]).toBeInstanceOf(ProviderError);
    expect((outcomes[0] as ProviderError).message).toBe("timeout");
    expect(outcomes.slice(1)).toEqual(["failed", "failed", "sent", "sent", "sent"]);

    // Transient: still `sending`, nothing at the sandbox, its run still owes the dispatch.
    const stuck = await messageById(transient!.message.id);
    expect(stuck).toMatchObject({ status: "sending", providerMessageId: null });
    expect(historyOf(stuck)).toEqual(["pending", "sending"]);
    expect(await sandboxRowsFor([transient!.message.idempotencyKey])).toEqual([]);
    const [waiting] = await t.db.select().from(runs).where(eq(runs.id, transient!.runId));
    expect(waiting).toMatchObject({ status: "active", currentNode: "sms" });

    // Permanent: failed with the provider's code, and the run took the fallback email.
    const failed = await messageById(permanent!.message.id);
    expect(failed).toMatchObject({ status: "failed", reason: "provider_error:21211", provider: SANDBOX, providerMessageId: null });
    expect(failed.statusHistory.map((h) => [h.status, h.reason])).toEqual([
      ["pending", undefined],
      ["sending", undefined],
      ["failed", "provider_error:21211"],
    ]);
    const permanentSteps = await stepsOf(permanent!.runId);
    expect(permanentSteps).toContainEqual({ kind: "failed", nodeId: "sms", output: null, detail: "provider_error:21211" });
    expect(permanentSteps).toContainEqual(expect.objectContaining({ kind: "took", nodeId: "sms", output: "fallback" }));
    const ofRun = await t.db.select().from(messages).where(eq(messages.runId, permanent!.runId));
    expect(ofRun.map((m) => [m.nodeId, m.channel, m.status]).sort()).toEqual([
      ["mail", "email", "pending"],
      ["sms", "sms", "failed"],
    ]);

    // Transient on the final attempt: failed without a code, down the fallback too.
    const gaveUp = await messageById(lastTry!.message.id);
    expect(gaveUp).toMatchObject({ status: "failed", reason: "provider_error" });
    expect(await stepsOf(lastTry!.runId)).toContainEqual(expect.objectContaining({ kind: "took", nodeId: "sms", output: "fallback" }));

    for (const e of healthy) {
      const row = await messageById(e!.message.id);
      expect(row.status).toBe("sent");
      expect(await stepsOf(e!.runId)).toContainEqual({ kind: "took", nodeId: "sms", output: "next", detail: null });
    }
    const sandboxRows = await t.db.select().from(sandboxMessages).where(eq(sandboxMessages.workspaceId, ws.id));
    expect(sandboxRows.map((r) => r.idempotencyKey).sort()).toEqual(healthy.map((e) => e!.message.idempotencyKey).sort());

    // The job's retry: same message, provider healthy now; sent exactly once.
    const healthyRegistry = createProviderRegistry(t.db);
    // Another job finding it `sending` leaves it alone: that is job-1's call, maybe still in flight.
    expect(await dispatchMessages(t.db, healthyRegistry, [{ messageId: transient!.message.id, jobId: "job-2" }])).toEqual(["skipped"]);
    expect(await dispatchMessages(t.db, healthyRegistry, [{ messageId: transient!.message.id }])).toEqual(["skipped"]);
    expect(await dispatchMessages(t.db, healthyRegistry, [{ messageId: transient!.message.id, jobId: "job-1" }])).toEqual(["sent"]);
    expect(await dispatchMessages(t.db, healthyRegistry, [{ messageId: transient!.message.id, jobId: "job-1" }])).toEqual(["skipped"]);
    const retried = await sandboxRowsFor([transient!.message.idempotencyKey]);
    expect(retried).toHaveLength(1);
    expect(retried[0]!.calls).toBe(1);
    const sent = await messageById(transient!.message.id);
    expect(sent).toMatchObject({ status: "sent", providerMessageId: retried[0]!.id });
    expect(historyOf(sent)).toEqual(["pending", "sending", "sent"]);
    expect(await stepsOf(transient!.runId)).toContainEqual({ kind: "took", nodeId: "sms", output: "next", detail: null });
  });
});

describe("a message whose run already ended", () => {
  it("is skipped and cancelled with reason run_ended; the rest of the batch sends", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("ending", { exitOn: "unsubscribed" }));
    const [gone, stays] = await Promise.all([makeContact(t.db, ws.id), makeContact(t.db, ws.id)]);
    const ended = await enter(ws.id, gone!, "ending");
    const live = await enter(ws.id, stays!, "ending");
    await ingestEvent(t.db, ws.id, { profileId: gone!.externalId, name: "unsubscribed" });
    const [run] = await t.db.select().from(runs).where(eq(runs.id, ended.runId));
    expect(run).toMatchObject({ status: "exited", exitReason: "exit_on:unsubscribed" });

    const outcomes = await dispatchMessages(t.db, createProviderRegistry(t.db), [{ messageId: ended.message.id }, { messageId: live.message.id }]);

    expect(outcomes).toEqual(["skipped", "sent"]);
    const cancelled = await messageById(ended.message.id);
    expect(cancelled).toMatchObject({ status: "cancelled", reason: "run_ended", provider: null });
    expect(cancelled.statusHistory.map((h) => [h.status, h.reason])).toEqual([
      ["pending", undefined],
      ["cancelled", "run_ended"],
    ]);
    expect(await sandboxRowsFor([ended.message.idempotencyKey])).toEqual([]);
    expect(await sandboxRowsFor([live.message.idempotencyKey])).toHaveLength(1);
  });
});

describe("two overlapping batches at once", () => {
  it("sends every message exactly once", async () => {
    const { entered } = await enteredBatch("overlap", 12);
    const ids = entered.map((e) => e.message.id);
    const { registry, calls } = wrappedSandbox();

    const [first, second] = await Promise.all([
      dispatchMessages(
        t.db,
        registry,
        ids.slice(0, 8).map((messageId) => ({ messageId })),
      ),
      dispatchMessages(
        t.db,
        registry,
        ids.slice(4).map((messageId) => ({ messageId })),
      ),
    ]);

    for (const o of [...first!, ...second!]) expect(o).not.toBeInstanceOf(Error);
    // Each message is reported sent by exactly one of the two calls.
    const sentBy = new Map<string, number>();
    first!.forEach((o, i) => o === "sent" && sentBy.set(ids[i]!, (sentBy.get(ids[i]!) ?? 0) + 1));
    second!.forEach((o, i) => o === "sent" && sentBy.set(ids[i + 4]!, (sentBy.get(ids[i + 4]!) ?? 0) + 1));
    expect(ids.map((id) => sentBy.get(id))).toEqual(ids.map(() => 1));

    const keys = entered.map((e) => e.message.idempotencyKey);
    const sandboxRows = await sandboxRowsFor(keys);
    expect(sandboxRows).toHaveLength(12);
    expect(keys.map((k) => [k, calls.get(k)])).toEqual(keys.map((k) => [k, 1]));
    expect(sandboxRows.map((r) => [r.idempotencyKey, r.calls]).sort()).toEqual(keys.map((k) => [k, 1]).sort());
    for (const e of entered) {
      const row = await messageById(e.message.id);
      expect(historyOf(row)).toEqual(["pending", "sending", "sent"]);
      expect((await stepsOf(e.runId)).filter((s) => s.kind === "sent")).toHaveLength(1);
    }
  });
});

describe("a batch of receipts", () => {
  it("applies read then a late delivered, drops a repeated event id, keeps unknown ones unmatched", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("receipts"));
    const [p, q] = await Promise.all([makeContact(t.db, ws.id), makeContact(t.db, ws.id)]);
    const one = await enter(ws.id, p!, "receipts");
    const two = await enter(ws.id, q!, "receipts");
    expect(await dispatchMessages(t.db, createProviderRegistry(t.db), [{ messageId: one.message.id }, { messageId: two.message.id }])).toEqual([
      "sent",
      "sent",
    ]);
    const pmidOne = (await messageById(one.message.id)).providerMessageId!;
    const pmidTwo = (await messageById(two.message.id)).providerMessageId!;
    const at = (s: number) => new Date(Date.now() + s * 1000);
    const readAt = at(2);
    const deliveredAt = at(1);

    const results = await ingestReceipts(t.db, SANDBOX, [
      { providerEventId: "ev-read-1", providerMessageId: pmidOne, status: "read", at: readAt },
      { providerEventId: "ev-delivered-1", providerMessageId: pmidOne, status: "delivered", at: deliveredAt },
      { providerEventId: "ev-read-1", providerMessageId: pmidOne, status: "read", at: readAt },
      { providerEventId: "ev-delivered-2", providerMessageId: pmidTwo, status: "delivered", at: deliveredAt },
      { providerEventId: "ev-read-2", providerMessageId: pmidTwo, status: "read", at: readAt },
      { providerEventId: "ev-stranger", providerMessageId: "not-a-message", status: "delivered", at: deliveredAt },
    ]);

    expect(results).toEqual(["applied", "applied", "duplicate", "applied", "applied", "unmatched"]);

    // Forward-only status, full history.
    const first = await messageById(one.message.id);
    expect(first.status).toBe("read");
    expect(first.statusHistory.map((h) => [h.status, h.at])).toEqual([
      ["pending", expect.any(String)],
      ["sending", expect.any(String)],
      ["sent", expect.any(String)],
      ["read", readAt.toISOString()],
      ["delivered", deliveredAt.toISOString()],
    ]);
    const second = await messageById(two.message.id);
    expect(historyOf(second)).toEqual(["pending", "sending", "sent", "delivered", "read"]);

    // The inbox: one row per event id, the stranger kept with no message.
    const inbox = await t.db
      .select()
      .from(messageReceipts)
      .where(inArray(messageReceipts.providerEventId, ["ev-read-1", "ev-delivered-1", "ev-delivered-2", "ev-read-2", "ev-stranger"]));
    expect(inbox.map((r) => [r.providerEventId, r.messageId, r.status]).sort()).toEqual(
      [
        ["ev-delivered-1", one.message.id, "delivered"],
        ["ev-delivered-2", two.message.id, "delivered"],
        ["ev-read-1", one.message.id, "read"],
        ["ev-read-2", two.message.id, "read"],
        ["ev-stranger", null, "delivered"],
      ].sort(),
    );
    expect(inbox.find((r) => r.providerEventId === "ev-stranger")).toMatchObject({ provider: SANDBOX, providerMessageId: "not-a-message", workspaceId: null });

    // The runs heard the receipts in order: the first's late `delivered` cannot lower its
    // `read` (the interpreter notes only a change), the second's two each moved it on.
    const stateOf = async (runId: string, key: string) =>
      RunStateSchema.parse((await t.db.select().from(runs).where(eq(runs.id, runId)))[0]!.state).messages[key]?.status;
    expect(await stateOf(one.runId, one.message.idempotencyKey)).toBe("read");
    expect(await stateOf(two.runId, two.message.idempotencyKey)).toBe("read");
    const outcomeSteps = async (runId: string) => (await stepsOf(runId)).filter((s) => s.kind === "outcome").map((s) => s.detail);
    expect(await outcomeSteps(one.runId)).toEqual([`read at ${readAt.toISOString()}`]);
    expect(await outcomeSteps(two.runId)).toEqual([`delivered at ${deliveredAt.toISOString()}`, `read at ${readAt.toISOString()}`]);

    // The same event id again, in a later batch, changes nothing.
    expect(await ingestReceipts(t.db, SANDBOX, [{ providerEventId: "ev-read-2", providerMessageId: pmidTwo, status: "read", at: readAt }])).toEqual([
      "duplicate",
    ]);
    expect(historyOf(await messageById(two.message.id))).toEqual(["pending", "sending", "sent", "delivered", "read"]);
  });

  it("applies a receipt that arrived before the send was recorded, once the send is", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("early-rcpt"));
    const entered = await enter(ws.id, await makeContact(t.db, ws.id), "early-rcpt");
    const base = createProviderRegistry(t.db);
    const early: string[] = [];
    // The provider's webhook beats the provider's own answer: the receipt finds no sent message yet.
    const registry: ProviderRegistry = {
      forChannel: async (workspaceId, channel) => {
        const provider = await base.forChannel(workspaceId, channel);
        return {
          ...provider,
          send: async (message) => {
            const sent = await provider.send(message);
            const at = new Date();
            early.push(...(await ingestReceipts(t.db, SANDBOX, [{ providerEventId: `early-${sent.providerMessageId}`, providerMessageId: sent.providerMessageId, status: "delivered", at }])));
            return sent;
          },
        };
      },
    };

    expect(await dispatchMessages(t.db, registry, [{ messageId: entered.message.id }])).toEqual(["sent"]);

    expect(early).toEqual(["unmatched"]);
    const message = await messageById(entered.message.id);
    expect(historyOf(message)).toEqual(["pending", "sending", "sent", "delivered"]);
    const [inbox] = await t.db.select().from(messageReceipts).where(eq(messageReceipts.providerEventId, `early-${message.providerMessageId}`));
    expect(inbox!.messageId).toBe(entered.message.id);
    const [run] = await t.db.select().from(runs).where(eq(runs.id, entered.runId));
    expect(RunStateSchema.parse(run!.state).messages[entered.message.idempotencyKey]?.status).toBe("delivered");
  });

  it("lets a delivered receipt satisfy a send awaiting delivery in the same batch as others", async () => {
    const { entered } = await enteredBatch("await-rcpt", 5, { awaitDelivered: true, fallback: true });
    const outcomes = await dispatchMessages(
      t.db,
      createProviderRegistry(t.db),
      entered.map((e) => ({ messageId: e.message.id })),
    );
    expect(outcomes).toEqual(entered.map(() => "sent"));
    for (const e of entered) expect((await t.db.select().from(runs).where(eq(runs.id, e.runId)))[0]!.status).toBe("waiting");
    const rows = await Promise.all(entered.map((e) => messageById(e.message.id)));

    const results = await ingestReceipts(
      t.db,
      SANDBOX,
      rows.map((m, i) => ({
        providerEventId: `ev-await-${i}`,
        providerMessageId: m.providerMessageId!,
        status: i === 0 ? ("undelivered" as const) : ("delivered" as const),
        at: new Date(),
      })),
    );

    expect(results).toEqual(rows.map(() => "applied"));
    const steps = await Promise.all(entered.map((e) => stepsOf(e.runId)));
    expect(steps[0]).toContainEqual(expect.objectContaining({ kind: "took", nodeId: "sms", output: "fallback" }));
    for (const s of steps.slice(1)) expect(s).toContainEqual(expect.objectContaining({ kind: "took", nodeId: "sms", output: "next" }));
    expect((await messageById(entered[0]!.message.id)).status).toBe("undelivered");
  });
});

describe("sandbox scripts in one batch", () => {
  it("gives each message to the same address its own script, oldest first", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("scripted"));
    const first = await makeContact(t.db, ws.id);
    // Same number, other profiles: three messages to one address.
    const others = await Promise.all([makeContact(t.db, ws.id, { phone: first.phone! }), makeContact(t.db, ws.id, { phone: first.phone! })]);
    const older = await scriptSandboxOutcome(t.db, ws.id, { channel: "sms", to: first.phone!, outcome: "undelivered", afterMs: 5_000 });
    const newer = await scriptSandboxOutcome(t.db, ws.id, { channel: "sms", to: first.phone!, outcome: "clicked", afterMs: 7_000 });
    const entered = [];
    for (const p of [first, ...others]) entered.push(await enter(ws.id, p, "scripted"));

    const outcomes = await dispatchMessages(
      t.db,
      createProviderRegistry(t.db),
      entered.map((e) => ({ messageId: e.message.id })),
    );

    expect(outcomes).toEqual(["sent", "sent", "sent"]);
    const scripts = await t.db.select().from(sandboxScripts).where(inArray(sandboxScripts.id, [older.id, newer.id])).orderBy(asc(sandboxScripts.id));
    expect(scripts.map((s) => s.consumedAt)).toEqual([expect.any(Date), expect.any(Date)]);

    const pmids = await Promise.all(entered.map(async (e) => (await messageById(e.message.id)).providerMessageId!));
    const sandboxed = await t.db.select().from(sandboxMessages).where(inArray(sandboxMessages.id, pmids));
    const statusesOf = (pmid: string) => sandboxed.find((m) => m.id === pmid)!.pendingReceipts.map((r) => r.status);
    // First request, oldest script; second, the next one; third, none left: the default plan.
    expect(pmids.map(statusesOf)).toEqual([["undelivered"], ["delivered", "clicked"], ["delivered"]]);
  });

  it("gives a script to its address only, in a batch that also sends to addresses without one", async () => {
    const { ws, people, entered } = await enteredBatch("scripted-mixed", 3);
    const script = await scriptSandboxOutcome(t.db, ws.id, { channel: "sms", to: people[0]!.phone!, outcome: "undelivered", afterMs: 0 });

    const outcomes = await dispatchMessages(
      t.db,
      createProviderRegistry(t.db),
      entered.map((e) => ({ messageId: e.message.id })),
    );

    expect(outcomes).toEqual(["sent", "sent", "sent"]);
    const [consumed] = await t.db.select().from(sandboxScripts).where(eq(sandboxScripts.id, script.id));
    expect(consumed!.consumedAt).toEqual(expect.any(Date));
    const pmids = await Promise.all(entered.map(async (e) => (await messageById(e.message.id)).providerMessageId!));
    const sandboxed = await t.db.select().from(sandboxMessages).where(inArray(sandboxMessages.id, pmids));
    expect(pmids.map((pmid) => sandboxed.find((m) => m.id === pmid)!.pendingReceipts.map((r) => r.status))).toEqual([["undelivered"], ["delivered"], ["delivered"]]);
  });
});
