/**
 * Crash and scale-out: real worker processes (`npm run worker`), SIGKILL mid-load, two
 * workers sharing one queue. After each, every run reaches its end and every message reached
 * the provider exactly once per idempotency key.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { messages, runs, sandboxMessages } from "@/db/schema";
import { makeContact, makeSendingWorkspace, publishDocument } from "@/db/test/engine-harness";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { spawnWorker, type WorkerProcess } from "@/db/test/worker-process";
import type { JourneyInput } from "@/server/journey/schema";
import { ingestEvent } from "./ingest-event";

let t: TestDatabase;
const workers: WorkerProcess[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.kill()));
});
afterAll(() => t.drop());

function journey(key: string, event: string, wait?: { seconds: number }): JourneyInput {
  const nodes: JourneyInput["nodes"] = [
    { id: "start", type: "trigger", position: { x: 0, y: 0 }, config: { kind: "event", event } },
    { id: "sms", type: "send", position: { x: 0, y: 280 }, config: { channel: "sms", content: { body: "Code {{ event.n }}" } } },
    { id: "end", type: "exit", position: { x: 0, y: 420 }, config: {} },
  ];
  const edges: JourneyInput["edges"] = [{ id: "e2", source: "sms", sourceHandle: "next", target: "end" }];
  if (wait) {
    nodes.push({ id: "pause", type: "wait", position: { x: 0, y: 140 }, config: { mode: "duration", duration: wait } });
    edges.push({ id: "e1", source: "start", sourceHandle: "next", target: "pause" }, { id: "e1b", source: "pause", sourceHandle: "next", target: "sms" });
  } else {
    edges.push({ id: "e1", source: "start", sourceHandle: "next", target: "sms" });
  }
  return { format: "switchboard.journey/v1", key, name: key, purpose: "transactional", reentry: "always", nodes, edges };
}

async function enrolMany(workspaceId: string, event: string, n: number) {
  const runIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = await makeContact(t.db, workspaceId);
    const { enrolled } = await ingestEvent(t.db, workspaceId, { profileId: p.externalId, name: event, properties: { n: i } });
    runIds.push(...enrolled);
  }
  return runIds;
}

async function tally(journeyKey: string) {
  const [row] = await t.db.execute<{ runs: number; done: number; messages: number; sent: number; provider_rows: number; provider_calls: number; pools: number }>(sql`
    with j as (select id from journeys where key = ${journeyKey})
    select
      (select count(*)::int from runs where journey_id = (select id from j)) as runs,
      (select count(*)::int from runs where journey_id = (select id from j) and status = 'completed') as done,
      (select count(*)::int from messages where journey_id = (select id from j)) as messages,
      (select count(*)::int from messages where journey_id = (select id from j) and status in ('sent', 'delivered')) as sent,
      (select count(*)::int from sandbox_messages s join messages m on m.idempotency_key = s.idempotency_key where m.journey_id = (select id from j)) as provider_rows,
      (select coalesce(sum(s.calls), 0)::int from sandbox_messages s join messages m on m.idempotency_key = s.idempotency_key where m.journey_id = (select id from j)) as provider_calls,
      (select count(distinct dispatched_by)::int from messages where journey_id = (select id from j)) as pools`);
  return row!;
}

describe("a worker killed mid-load", () => {
  it("loses no run and sends nothing twice", { timeout: 120_000 }, async () => {
    const N = 150;
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, journey("crash", "crash_test"));
    const runIds = await enrolMany(ws.id, "crash_test", N);
    expect(runIds).toHaveLength(N);

    // The sandbox answers slowly, so the kill lands while sends are in flight.
    const first = spawnWorker(t.url, { SANDBOX_LATENCY_MS: "60" });
    workers.push(first);
    // Kill once sends are flowing and one is between its `sending` commit and the provider.
    await expect
      .poll(
        async () => {
          const [provider] = await t.db.select({ n: sql<number>`count(*)::int` }).from(sandboxMessages);
          const [sending] = await t.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(eq(messages.status, "sending"));
          return provider!.n >= 20 && sending!.n > 0;
        },
        { timeout: 30_000, interval: 20 },
      )
      .toBe(true);
    await first.kill("SIGKILL");
    const inFlight = await t.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(eq(messages.status, "sending"));
    // The kill caught sends between their `sending` commit and the provider's answer.
    expect(inFlight[0]!.n).toBeGreaterThan(0);
    const afterKill = await tally("crash");
    expect(afterKill.done).toBeLessThan(N);

    const second = spawnWorker(t.url);
    workers.push(second);
    await expect.poll(async () => (await tally("crash")).done, { timeout: 60_000, interval: 250 }).toBe(N);
    const final = await tally("crash");
    expect(final).toMatchObject({ runs: N, done: N, messages: N, sent: N, provider_rows: N, pools: 2 });
    // Calls beyond one per key are retries of sends the dead worker had started; the key
    // deduplicated every one of them.
    expect(final.provider_calls).toBeGreaterThanOrEqual(N);
    expect(final.provider_calls - N).toBeLessThanOrEqual(inFlight[0]!.n + 8);
  });
});

describe("two workers on one queue", () => {
  it("share the load and complete every run once", { timeout: 120_000 }, async () => {
    const N = 200;
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, journey("pair", "pair_test", { seconds: 2 }));
    const a = spawnWorker(t.url, { SANDBOX_LATENCY_MS: "10" });
    const b = spawnWorker(t.url, { SANDBOX_LATENCY_MS: "10" });
    workers.push(a, b);
    const runIds = await enrolMany(ws.id, "pair_test", N);
    expect(runIds).toHaveLength(N);
    await expect.poll(async () => (await tally("pair")).done, { timeout: 90_000, interval: 250 }).toBe(N);
    const final = await tally("pair");
    expect(final).toMatchObject({ runs: N, done: N, messages: N, sent: N, provider_rows: N, provider_calls: N });
    const [byPool] = await t.db.execute<{ a: number; b: number }>(sql`
      select count(*) filter (where dispatched_by = (select pool_id from worker_heartbeats where pid = ${a.child.pid!}))::int as a,
             count(*) filter (where dispatched_by = (select pool_id from worker_heartbeats where pid = ${b.child.pid!}))::int as b
      from messages where journey_id = (select id from journeys where key = 'pair')`);
    // Both processes did real work.
    expect(byPool!.a).toBeGreaterThan(0);
    expect(byPool!.b).toBeGreaterThan(0);
    expect(byPool!.a + byPool!.b).toBe(N);
    const states = await t.db.select({ status: runs.status }).from(runs).where(sql`${runs.id} in ${runIds}`);
    expect(new Set(states.map((s) => s.status))).toEqual(new Set(["completed"]));
  });
});
