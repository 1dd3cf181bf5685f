/**
 * `npm run bench`: the engine's throughput and latency on this machine, against a fresh
 * embedded PostgreSQL (fsync on, as shipped), with graphile-worker's raw job rate and a single
 * durable commit rate measured in the same run on the same database for scale. Prints one JSON
 * object on stdout; progress goes to stderr. See bench/README.md for what each figure means.
 *
 * BENCH_QUICK=1 shortens every phase (a smoke run; its figures are noisier).
 */
import { Logger } from "graphile-worker";
import postgres from "postgres";
import { createDatabase, type Database } from "@/db/client";
import { createProviderRegistry } from "@/server/channels/registry";
import { enableImmediateSends } from "@/server/engine/immediate-sends";
import { startBenchPostgres, type BenchPostgres } from "./bench-postgres";
import { BENCH_EVENTS, enrolJourney, smsJourney, STEPS_PER_ENROLMENT, stepsJourney, timerJourney } from "./bench-journeys";
import { makeBenchWorkspace } from "./bench-workspace";
import { noteSends } from "./noted-sends";
import { startEngineUnderTest, ENGINE_CONCURRENCY, type EngineUnderTest } from "./engine-under-test";
import { measureDurableCommits } from "./phases/durable-commit";
import { measureDurableSteps, measureInterpreterInMemory } from "./phases/durable-steps";
import { measureEventToSend } from "./phases/event-to-send";
import { measureNoopJobs } from "./phases/graphile-noop";
import { measureIngest, warmUp } from "./phases/ingest-throughput";
import { measureTimerLateness } from "./phases/timer-lateness";
import { round, spread } from "./stats";
import { machineDescription, PhaseProfiler, type PhaseProfile } from "./where-time-goes";

// stdout carries exactly one JSON object; anything a library prints goes to stderr instead.
// eslint-disable-next-line no-console -- redirecting, not logging
console.log = console.error;
// eslint-disable-next-line no-console -- redirecting, not logging
console.info = console.error;

const quick = process.env.BENCH_QUICK === "1";
const scale = quick ? 0.3 : 1;
const seconds = (s: number) => Math.max(1, Math.round(s * scale));

const PLAN = {
  profiles: 60_000,
  commitSeconds: seconds(3),
  noopJobs: Math.round(10_000 * scale),
  noopTimeoutSeconds: 30,
  ingestSeconds: seconds(5),
  ingestMaxCalls: 10_000,
  enrolClients: [1, 8, 64],
  stepsClients: [1, 8, 64],
  interpreterSeconds: seconds(2),
  sendPerSecond: 500,
  sendSeconds: seconds(10),
  sendMaxBacklogSeconds: 3,
  /** A rate the engine sustains, to show the latency floor next to the 500/s figure. */
  sendLowPerSecond: 50,
  sendLowSeconds: seconds(5),
  sendDrainSeconds: 30,
  timers: Math.round(2_000 * scale),
  timerClients: 4,
  timerDrainSeconds: 20,
};

const TARGETS = { stepsPerSec: 10_000, eventToSendP99Ms: 100, atEventsPerSec: 500 };

const progress = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const graphileLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") process.stderr.write(`[graphile ${level}] ${message}\n`);
});

async function main() {
  const began = performance.now();
  const cleanup: (() => Promise<void>)[] = [];
  const runCleanup = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch((e) => progress(`cleanup failed: ${String(e)}`));
  };
  const onSignal = () => {
    void runCleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    progress("starting embedded PostgreSQL (temp dir, fsync on) and migrating");
    const pg: BenchPostgres = await startBenchPostgres();
    cleanup.push(pg.stop);
    const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    cleanup.push(() => admin.end({ timeout: 5 }));
    const profiler = new PhaseProfiler(admin, pg.postmasterPid);
    const profiles: Record<string, PhaseProfile> = {};
    /** Statements (round trips) the server ran per ingested event, BEGIN/COMMIT included. */
    const statementsPerEvent = { enrolment: 0, steps: 0 };

    const api: Database = createDatabase(pg.url, { max: 12 });
    cleanup.push(api.close);
    // As the API process has it (server/api/rest/handler.ts): events' allowed sends leave from
    // here right after their commit. On from the start, so every ingest figure pays its reads.
    const sentAt = new Map<string, number>();
    enableImmediateSends(api.db, (db) => noteSends(createProviderRegistry(db), (runId, at) => sentAt.set(runId, at)));
    progress(`making the workspace, ${PLAN.profiles} profiles and the bench journeys`);
    const ws = await makeBenchWorkspace(api.db, PLAN.profiles, [enrolJourney, stepsJourney, smsJourney, timerJourney]);
    const journeyId = (key: string) => ws.journeyIds.get(key)!;

    progress(`durable commits: single-row insert per transaction, ${PLAN.commitSeconds} s sequential, then 8 clients`);
    const commitsSequential = await measureDurableCommits(pg.url, { clients: 1, seconds: PLAN.commitSeconds });
    const commitsConcurrent = await measureDurableCommits(pg.url, { clients: 8, seconds: PLAN.commitSeconds });

    progress(`graphile-worker no-op jobs: ${PLAN.noopJobs} as the engine's pool runs them, then batched`);
    const noop = await measureNoopJobs(pg.url, {
      jobs: PLAN.noopJobs,
      concurrency: ENGINE_CONCURRENCY,
      timeoutSeconds: PLAN.noopTimeoutSeconds,
      batched: false,
      logger: graphileLogger,
    });
    const noopBatched = await measureNoopJobs(pg.url, {
      jobs: PLAN.noopJobs,
      concurrency: ENGINE_CONCURRENCY,
      timeoutSeconds: PLAN.noopTimeoutSeconds,
      batched: true,
      logger: graphileLogger,
    });
    // Those two phases leave 2 × noopJobs dead rows in graphile's job table, which every job
    // fetch below would step over; on a database in use autovacuum clears a queue table's churn,
    // and the engine's figures should not pay for a reference measurement.
    await admin`vacuum (analyze) graphile_worker._private_jobs`;

    progress("runs enrolled: trigger → wait 1 h through ingestEvent");
    await warmUp(api.db, ws, BENCH_EVENTS.enrol);
    const enrolment = [];
    for (const clients of PLAN.enrolClients) {
      const finish = clients === Math.max(...PLAN.enrolClients) ? await profiler.start() : null;
      const result = await measureIngest(api.db, ws, { event: BENCH_EVENTS.enrol, clients, seconds: PLAN.ingestSeconds, maxCalls: PLAN.ingestMaxCalls });
      if (finish) {
        const profile = await finish();
        profiles[`enrolment_${clients}_clients`] = profile;
        statementsPerEvent.enrolment = round(profile.statements.calls / result.events, 1);
      }
      progress(`  ${clients} client(s): ${result.perSec} runs/s`);
      enrolment.push(result);
    }

    progress("journey steps: trigger → branch → update_profile → split → wait per event");
    await warmUp(api.db, ws, BENCH_EVENTS.steps);
    const steps = [];
    for (const clients of PLAN.stepsClients) {
      const finish = clients === Math.max(...PLAN.stepsClients) ? await profiler.start() : null;
      const result = await measureDurableSteps(api.db, ws, journeyId(stepsJourney.key), {
        event: BENCH_EVENTS.steps,
        clients,
        seconds: PLAN.ingestSeconds,
        maxCalls: PLAN.ingestMaxCalls,
      });
      if (finish) {
        const profile = await finish();
        profiles[`steps_${clients}_clients`] = profile;
        statementsPerEvent.steps = round(profile.statements.calls / result.events, 1);
      }
      progress(`  ${clients} client(s): ${result.stepsPerSec} steps/s`);
      steps.push(result);
    }
    const interpreter = measureInterpreterInMemory(stepsJourney, BENCH_EVENTS.steps, PLAN.interpreterSeconds);
    progress(`  interpreter in memory: ${interpreter.stepsPerSec} steps/s`);

    progress(`event → send: ${PLAN.sendPerSecond} events/s for ${PLAN.sendSeconds} s, immediate sends and the engine's process`);
    const engine: EngineUnderTest = await startEngineUnderTest(pg.url, sentAt);
    cleanup.push(engine.stop);
    profiler.trackEngine(engine.pid);
    await warmUp(api.db, ws, BENCH_EVENTS.sms, 10);
    await new Promise((r) => setTimeout(r, 1_500)); // let the warm-up's sends and receipts pass
    const finishSend = await profiler.start();
    const eventToSend = await measureEventToSend(api.db, ws, engine, journeyId(smsJourney.key), {
      perSecond: PLAN.sendPerSecond,
      seconds: PLAN.sendSeconds,
      maxBacklogSeconds: PLAN.sendMaxBacklogSeconds,
      drainSeconds: PLAN.sendDrainSeconds,
    });
    profiles.event_to_send = await finishSend();
    progress(
      `  p50 ${eventToSend.latencyMs.p50} ms, p99 ${eventToSend.latencyMs.p99} ms, ${eventToSend.sentPerSecEndToEnd} sends/s` +
        `${eventToSend.stoppedEarly ? `, stopped after ${eventToSend.offeredSeconds} s (backlog)` : ""}, unsent ${eventToSend.unsentAfterDrain}`,
    );
    const jobsDuringSend = summariseJobs(engine);

    progress("waiting for the sandbox receipts of that phase to settle");
    await waitForQueueToSettle(admin, 30);
    progress(`event → send at a sustainable ${PLAN.sendLowPerSecond} events/s for ${PLAN.sendLowSeconds} s`);
    engine.jobs.clear();
    const eventToSendLow = await measureEventToSend(api.db, ws, engine, journeyId(smsJourney.key), {
      perSecond: PLAN.sendLowPerSecond,
      seconds: PLAN.sendLowSeconds,
      maxBacklogSeconds: PLAN.sendMaxBacklogSeconds,
      drainSeconds: 10,
    });
    progress(`  p50 ${eventToSendLow.latencyMs.p50} ms, p99 ${eventToSendLow.latencyMs.p99} ms`);
    const jobsDuringSendLow = summariseJobs(engine);

    progress("waiting for the sandbox receipts of that phase to settle");
    await waitForQueueToSettle(admin, 30);

    progress(`timer lateness: ${PLAN.timers} runs on a short wait`);
    engine.jobs.clear();
    const finishTimers = await profiler.start();
    const timers = await measureTimerLateness(api.db, ws, engine, journeyId(timerJourney.key), {
      runs: PLAN.timers,
      clients: PLAN.timerClients,
      drainSeconds: PLAN.timerDrainSeconds,
    });
    profiles.timers = await finishTimers();
    progress(`  p99 ${timers.latenessMs.p99} ms`);
    const jobsDuringTimers = summariseJobs(engine);

    const bestEnrolment = enrolment.reduce((a, b) => (b.perSec > a.perSec ? b : a));
    const bestSteps = steps.reduce((a, b) => (b.stepsPerSec > a.stepsPerSec ? b : a));
    const report = {
      machine: {
        ...machineDescription(),
        node: process.version,
        postgres: pg.settings.version,
        fsync: pg.settings.fsync,
        synchronousCommit: pg.settings.synchronousCommit,
        sharedBuffers: pg.settings.sharedBuffers,
        quick,
        /** CPU other processes used during each profiled phase (% of one core): above ~20 the figures are depressed. */
        otherProcessesCpuPct: Object.fromEntries(Object.entries(profiles).map(([phase, p]) => [phase, p.cpu.othersPct])),
      },
      durableCommitRate: commitsSequential.commitsPerSec,
      durableCommitRateWith8Clients: commitsConcurrent.commitsPerSec,
      graphileNoopJobRate: noop.jobsPerSec,
      graphileNoopJobRateBatched: noopBatched.jobsPerSec,
      runsEnrolledPerSec: bestEnrolment.perSec,
      stepsPerSec: bestSteps.stepsPerSec,
      interpreterStepsPerSecInMemory: interpreter.stepsPerSec,
      eventToSendLatencyMs: { p50: eventToSend.latencyMs.p50, p99: eventToSend.latencyMs.p99 },
      eventToSendLatencyMsAtSustainableRate: { perSec: PLAN.sendLowPerSecond, p50: eventToSendLow.latencyMs.p50, p99: eventToSendLow.latencyMs.p99 },
      timerLatenessMsP99: timers.latenessMs.p99,
      targets: {
        ...TARGETS,
        met: {
          stepsPerSec: bestSteps.stepsPerSec >= TARGETS.stepsPerSec,
          eventToSendP99: eventToSend.unsentAfterDrain === 0 && eventToSend.latencyMs.p99 <= TARGETS.eventToSendP99Ms,
        },
      },
      details: {
        durableCommits: { sequential: commitsSequential, concurrent: commitsConcurrent },
        graphileNoop: { engineConfig: noop, batched: noopBatched },
        runsEnrolled: { best: { clients: bestEnrolment.clients }, byClients: enrolment },
        steps: { best: { clients: bestSteps.clients }, byClients: steps, interpreterInMemory: interpreter },
        eventToSend: { ...eventToSend, jobs: jobsDuringSend },
        eventToSendAtSustainableRate: { ...eventToSendLow, jobs: jobsDuringSendLow },
        timers: { ...timers, jobs: jobsDuringTimers },
      },
      whereTimeGoes: { statementsPerEvent, phases: profiles },
      notes: {
        setup: `Fresh embedded PostgreSQL ${pg.settings.version} in a temp dir with the shipped flags (fsync ${pg.settings.fsync}, synchronous_commit ${pg.settings.synchronousCommit}) plus pg_stat_statements preloaded; migrated; one workspace with an approved "*" sender and ${PLAN.profiles} profiles. Every event is for a fresh profile, so each enrols exactly one run.`,
        durableCommitRate: "Autocommit single-row INSERTs, one client, back to back; WithNClients: the same from 8 clients (group commit).",
        graphileNoopJobRate: `${PLAN.noopJobs} no-op jobs added in bulk with add_jobs, then worked off by startWorkerPool (concurrency ${ENGINE_CONCURRENCY}, as the engine runs); timed from starting the pool until none remain in the queue. Batched: graphile-worker's localQueue (size 100) + completeJobBatchDelay 0, for comparison.`,
        runsEnrolledPerSec: `ingestEvent (the API's service: one transaction per event) into trigger → wait 1 h, closed loop with ${PLAN.enrolClients.join("/")} concurrent clients for ${PLAN.ingestSeconds} s each (max ${PLAN.ingestMaxCalls} events); the best is reported, all are in details. Counted from ingestEvent's answers after commit.`,
        stepsPerSec: `Node transitions (timeline steps of kind 'entered', counted in the database) per second of wall time, ${STEPS_PER_ENROLMENT} per event (trigger, branch, update_profile, split, wait), through ingestEvent with ${PLAN.stepsClients.join("/")} clients. interpreterStepsPerSecInMemory: the pure step() on the same journey, no I/O.`,
        eventToSendLatencyMs: `Events offered open loop at ${PLAN.sendPerSecond}/s for ${PLAN.sendSeconds} s into trigger → SMS send (transactional, urgent) while the engine runs in its own process, as npm start runs it apart from the API (concurrency ${ENGINE_CONCURRENCY}, poll 250 ms, real task list, sandbox provider, timer loop). Latency = sandbox's send returned after its insert committed (engine process) − ingestEvent called (this process), both Date.now() on the same host clock. Firing stops early once more than ${PLAN.sendMaxBacklogSeconds} s of offered events are not yet sent (the rate is lost; stoppedEarly), then the backlog gets ${PLAN.sendDrainSeconds} s; events still unsent count with their age then (censored: percentiles are lower bounds). latencyFromSchedule counts from the scheduled start instead (includes load-generator lag). dbClockCheck = sandbox_messages.created_at (server clock, start of the sandbox's transaction) − runs.entered_at (this process's clock at the call); same host clock. Sandbox receipts (1 s later) are part of the load.`,
        timerLatenessMsP99: `${PLAN.timers} runs enrolled by ${PLAN.timerClients} clients into trigger → wait ${timers.waitSeconds} s; lateness = the wait's 'took' step (stamped when the timer loop woke the run, committed with it) − (entered_at + wait); the timer loop polls runs.next_wake_at every ${"100"} ms.`,
        whereTimeGoes: "Per profiled phase: pg_stat_statements top statements by total execution time (COMMIT is mostly the WAL flush), CPU of this Node process and of all Postgres processes in % of one core, and the machine's busy and iowait % over all cores.",
        oneProcess: "API calls and the worker pool share this one Node process (npm start puts Next in a child process), so both compete for one core's worth of JavaScript.",
      },
      benchSeconds: round((performance.now() - began) / 1000),
    };
    await runCleanup();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    await runCleanup();
    throw error;
  }
}

function summariseJobs(engine: EngineUnderTest) {
  return Object.fromEntries(
    [...engine.jobs].map(([task, times]) => [task, { queueWaitMs: spread(times.queueWaitMs), runMs: spread(times.runMs) }]),
  );
}

async function waitForQueueToSettle(sql: postgres.Sql, maxSeconds: number) {
  const deadline = Date.now() + maxSeconds * 1000;
  while (Date.now() < deadline) {
    const [row] = await sql<{ n: string }[]>`
      select count(*) as n from graphile_worker.jobs where run_at <= now() + interval '2 seconds' and attempts < max_attempts`;
    if (Number(row!.n) === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
