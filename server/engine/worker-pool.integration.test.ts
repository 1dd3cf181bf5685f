import { makeWorkerUtils } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { checkHealth } from "@/server/health";
import { forceUnlockWorkers, startWorkerPool, sweepDeadPools } from "./worker-pool";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("worker pool", () => {
  it("reports the worker down without a pool, up while one runs, and down after it stops", async () => {
    expect(await checkHealth(t.db)).toEqual({ ok: false, db: "up", worker: "down" });
    const pool = await startWorkerPool({ connectionString: t.url, taskList: {}, concurrency: 3 });
    try {
      expect(await checkHealth(t.db)).toEqual({ ok: true, db: "up", worker: "up" });
      // Every worker's id is in the heartbeat, or a crash would leave its jobs locked.
      const [beat] = await t.sql<{ worker_ids: string[] }[]>`select worker_ids from worker_heartbeats where pool_id = ${pool.poolId}`;
      expect(beat!.worker_ids.filter((id) => id.startsWith("worker-"))).toHaveLength(3);
      expect(beat!.worker_ids.filter((id) => id.startsWith("pool-"))).toHaveLength(1);
    } finally {
      await pool.stop();
    }
    expect((await checkHealth(t.db)).worker).toBe("down");
  });

  it("runs jobs added to the queue", async () => {
    const seen: unknown[] = [];
    const pool = await startWorkerPool({
      connectionString: t.url,
      concurrency: 1,
      taskList: { remember: async (payload) => void seen.push(payload) },
    });
    const utils = await makeWorkerUtils({ connectionString: t.url });
    try {
      await utils.addJob("remember", { n: 1 });
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual([{ n: 1 }]);
    } finally {
      await utils.release();
      await pool.stop();
    }
  });

  it("leaves no job locked when stopped while its local queue is fetching", async () => {
    let done = 0;
    const pool = await startWorkerPool({
      connectionString: t.url,
      concurrency: 64,
      taskList: { quick: async () => void done++ },
    });
    const utils = await makeWorkerUtils({ connectionString: t.url });
    try {
      await utils.addJobs(Array.from({ length: 5000 }, (_, i) => ({ identifier: "quick", payload: { i } })));
      // Stopped while the queue is being worked off: fetches are in flight all the time.
      await expect.poll(() => done, { timeout: 10_000, interval: 5 }).toBeGreaterThan(300);
    } finally {
      await utils.release();
      await pool.stop();
    }
    const [left] = await t.sql<{ locked: string; waiting: string }[]>`
      select count(*) filter (where locked_by is not null) as locked, count(*) as waiting
      from graphile_worker._private_jobs where task_id = (select id from graphile_worker._private_tasks where identifier = 'quick')`;
    expect(Number(left!.waiting)).toBeGreaterThan(0);
    expect(Number(left!.locked)).toBe(0);
  });

  it("unlocks the jobs of a dead pool and leaves live pools alone", async () => {
    const utils = await makeWorkerUtils({ connectionString: t.url });
    try {
      const deadJob = await utils.addJob("never_run", {}, { runAt: new Date(Date.now() + 3600_000) });
      const liveJob = await utils.addJob("never_run", {}, { runAt: new Date(Date.now() + 3600_000) });
      // Forge what a SIGKILLed pool leaves behind: a locked job and a stale heartbeat.
      await t.sql`update graphile_worker._private_jobs set locked_by = 'dead-worker', locked_at = now() where id = ${deadJob.id}`;
      await t.sql`update graphile_worker._private_jobs set locked_by = 'live-worker', locked_at = now() where id = ${liveJob.id}`;
      await t.sql`insert into worker_heartbeats (pool_id, pid, hostname, worker_ids, last_seen_at)
        values ('dead-pool', 1, 'h', ${JSON.stringify(["dead-worker"])}::text::jsonb, now() - interval '5 minutes'),
               ('live-pool', 2, 'h', ${JSON.stringify(["live-worker"])}::text::jsonb, now())`;
      const swept = await sweepDeadPools(t.sql, (ids) => forceUnlockWorkers(t.sql, ids));
      expect(swept).toEqual(["dead-pool"]);
      const locks = await t.sql<{ id: string; locked_by: string | null }[]>`
        select id::text, locked_by from graphile_worker._private_jobs where id in (${deadJob.id}, ${liveJob.id}) order by id`;
      expect(Object.fromEntries(locks.map((l) => [l.id, l.locked_by]))).toEqual({ [deadJob.id]: null, [liveJob.id]: "live-worker" });
      const pools = await t.sql<{ pool_id: string }[]>`select pool_id from worker_heartbeats where pool_id in ('dead-pool','live-pool')`;
      expect(pools.map((p) => p.pool_id)).toEqual(["live-pool"]);
    } finally {
      await utils.release();
    }
  });
});
