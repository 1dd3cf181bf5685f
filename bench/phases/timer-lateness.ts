/**
 * Timer lateness: runs parked on a short `wait` (duration), enrolled as fast as a few API
 * clients go so their wake-ups spread over a few seconds; lateness = the wait's `took` step
 * (stamped when the timer loop woke the run, committed with it) − (entered_at + the wait).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { BENCH_EVENTS, TIMER_WAIT_SECONDS } from "../bench-journeys";
import type { BenchWorkspace } from "../bench-workspace";
import type { EngineUnderTest } from "../engine-under-test";
import { round, spread } from "../stats";
import { measureIngest } from "./ingest-throughput";

export async function measureTimerLateness(
  db: Db,
  ws: BenchWorkspace,
  engine: EngineUnderTest,
  journeyId: string,
  options: { runs: number; clients: number; drainSeconds: number },
) {
  const enrolment = await measureIngest(db, ws, { event: BENCH_EVENTS.timer, clients: options.clients, seconds: 120, maxCalls: options.runs });
  // Each run's wake-up: its wait node's `took` step, in the timeline entry of that input.
  const wakeUps = sql`
    runs r join run_timeline t on t.run_id = r.id
    cross join lateral jsonb_to_recordset(t.steps) as s("nodeId" text, kind text)
    where r.journey_id = ${journeyId} and s."nodeId" = 'wait' and s.kind = 'took'`;
  const deadline = Date.now() + (TIMER_WAIT_SECONDS + options.drainSeconds) * 1000;
  // Progress, polled while the timers fire: a run of this journey ends in the input that wakes
  // it, and ended runs are counted from an index, so the probe barely loads the server it measures.
  const woken = async () =>
    Number(
      (await db.execute<{ n: number }>(sql`
        select count(*)::int as n from runs where journey_id = ${journeyId} and status in ('completed', 'exited')`))[0]?.n ?? 0,
    );
  while ((await woken()) < enrolment.enrolled && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const lateness = (
    await db.execute<{ ms: number }>(sql`
      select extract(epoch from t.at - r.entered_at) * 1000 - ${TIMER_WAIT_SECONDS * 1000} as ms
      from ${wakeUps}`)
  ).map((r) => Number(r.ms));

  const [check] = await db.execute<{ p50: number | null; p99: number | null }>(sql`
    select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.99) within group (order by ms) as p99
    from (
      select extract(epoch from t.at - r.entered_at) * 1000 - ${TIMER_WAIT_SECONDS * 1000} as ms
      from ${wakeUps}
    ) x`);
  return {
    latenessMs: spread(lateness),
    dbTimelineCheckMs: { p50: round(Number(check?.p50 ?? Number.NaN), 1), p99: round(Number(check?.p99 ?? Number.NaN), 1) },
    timers: enrolment.enrolled,
    woke: lateness.length,
    enrolledPerSec: enrolment.perSec,
    waitSeconds: TIMER_WAIT_SECONDS,
  };
}
