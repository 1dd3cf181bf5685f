/**
 * Event → send latency at a paced rate: events that enter a journey whose first node sends an
 * SMS, offered on a fixed schedule (open loop) through the API's service; each send leaves
 * from this process right after its event commits (immediate sends) or, failing that, from the
 * engine's worker pool. Latency = sandbox has the message (its insert committed) − ingestEvent
 * called, both on the host clock. A second figure from the
 * database cross-checks it with the rows alone.
 *
 * Bounded: when more than `maxBacklogSeconds` of offered events are not yet at the sandbox,
 * the rate is already lost, so firing stops (reported) and the backlog gets `drainSeconds` to
 * clear. Events still unsent then count with their age at that moment: a lower bound, so the
 * percentiles are lower bounds too (`censored` says how many).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ingestEvent } from "@/server/engine/ingest-event";
import { BENCH_EVENTS } from "../bench-journeys";
import type { BenchWorkspace } from "../bench-workspace";
import type { EngineUnderTest } from "../engine-under-test";
import { paced } from "../load";
import { percentile, perSecond, round, spread } from "../stats";

export async function measureEventToSend(
  db: Db,
  ws: BenchWorkspace,
  engine: EngineUnderTest,
  journeyId: string,
  options: { perSecond: number; seconds: number; maxBacklogSeconds: number; drainSeconds: number },
) {
  const calls: { called: number; scheduled: number; runId?: string }[] = [];
  const ackMs: number[] = [];
  let notEnrolled = 0;
  const sentBefore = engine.sentAt.size;
  const backlog = () => calls.length - (engine.sentAt.size - sentBefore);
  const started = Date.now();
  const load = await paced({
    perSecond: options.perSecond,
    seconds: options.seconds,
    stopWhen: () => backlog() > options.maxBacklogSeconds * options.perSecond,
    call: async (i, scheduled) => {
      const call: (typeof calls)[number] = { called: Date.now(), scheduled };
      calls.push(call);
      const answer = await ingestEvent(db, ws.workspaceId, { profileId: ws.nextProfile(), name: BENCH_EVENTS.sms, properties: { code: String(100_000 + i) } });
      ackMs.push(Date.now() - call.called);
      call.runId = answer.enrolled[0];
      if (!call.runId) notEnrolled++;
    },
  });

  const unsent = () => calls.filter((c) => c.runId && !engine.sentAt.has(c.runId)).length;
  const drainDeadline = Date.now() + options.drainSeconds * 1000;
  while (unsent() > 0 && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 50));
  const ended = Date.now();

  const fromCall: number[] = [];
  const fromSchedule: number[] = [];
  let censored = 0;
  let lastSent = started;
  for (const c of calls) {
    if (!c.runId) continue;
    const sent = engine.sentAt.get(c.runId);
    if (sent === undefined) censored++;
    else lastSent = Math.max(lastSent, sent);
    fromCall.push((sent ?? ended) - c.called);
    fromSchedule.push((sent ?? ended) - c.scheduled);
  }
  const [check] = await db.execute<{ p50: number | null; p99: number | null }>(sql`
    select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.99) within group (order by ms) as p99
    from (
      select extract(epoch from sm.created_at - r.entered_at) * 1000 as ms
      from runs r join sandbox_messages sm on sm.idempotency_key = r.id::text || ':send:1'
      where r.journey_id = ${journeyId} and r.entered_at >= ${new Date(started).toISOString()}::timestamptz
    ) x`);

  return {
    latencyMs: spread(fromCall),
    latencyFromScheduleMs: spread(fromSchedule),
    censored,
    apiAckMs: spread(ackMs),
    dbClockCheckMs: { p50: round(Number(check?.p50 ?? Number.NaN), 1), p99: round(Number(check?.p99 ?? Number.NaN), 1) },
    offeredPerSec: options.perSecond,
    offeredSeconds: round(load.firingMs / 1000, 1),
    stoppedEarly: load.stoppedEarly,
    events: load.issued,
    sentPerSecEndToEnd: perSecond(calls.length - censored - notEnrolled, lastSent - started),
    loadGeneratorLateStartMsP99: round(percentile(load.lateStartsMs, 99), 1),
    failedCalls: load.failures,
    notEnrolled,
    unsentAfterDrain: censored,
  };
}
