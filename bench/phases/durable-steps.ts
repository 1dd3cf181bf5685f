/**
 * Journey steps = node transitions the interpreter makes (a timeline step of kind
 * `entered`), counted in the database after commit, per second of wall time. The steps
 * journey makes five per event, so this is the engine's transition throughput when each
 * input does several transitions; the pure interpreter's rate is measured alongside for
 * reference (what the engine would reach if storage cost nothing).
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { step } from "@/server/journey/interpreter";
import { parseJourney, type JourneyInput } from "@/server/journey/schema";
import type { BenchWorkspace } from "../bench-workspace";
import { perSecond } from "../stats";
import { measureIngest, type IngestResult } from "./ingest-throughput";

export type DurableStepsResult = IngestResult & { steps: number; stepsPerSec: number };

export async function measureDurableSteps(
  db: Db,
  ws: BenchWorkspace,
  journeyId: string,
  options: { event: string; clients: number; seconds: number; maxCalls: number },
): Promise<DurableStepsResult> {
  const before = await enteredSteps(db, journeyId);
  const result = await measureIngest(db, ws, options);
  const steps = (await enteredSteps(db, journeyId)) - before;
  return { ...result, steps, stepsPerSec: perSecond(steps, result.wallMs) };
}

async function enteredSteps(db: Db, journeyId: string): Promise<number> {
  const rows = await db.execute<{ n: string }>(sql`
    select count(*) as n from runs r join run_timeline t on t.run_id = r.id
    cross join lateral jsonb_to_recordset(t.steps) as s(kind text)
    where r.journey_id = ${journeyId} and s.kind = 'entered'`);
  return Number(rows[0]!.n);
}

/** `step` alone, enrolling fresh runs into `doc` for `seconds`: transitions per second. */
export function measureInterpreterInMemory(doc: JourneyInput, event: string, seconds: number) {
  const journey = parseJourney(doc);
  const now = new Date();
  const base = {
    now,
    consents: [],
    engagement: [],
    journey: { key: journey.key, name: journey.name, version: 1 },
    recipientTimezone: "Etc/UTC",
  };
  let transitions = 0;
  let calls = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (let k = 0; k < 100; k++, calls++) {
      const ctx = { ...base, runId: randomUUID(), profile: { id: `bench-${calls}`, tier: calls % 3 === 0 ? "gold" : "basic", first_name: "Sam" } };
      const { effects } = step(journey, null, { type: "enrol", event: { name: event, properties: { n: calls } } }, ctx);
      for (const e of effects) if (e.type === "step" && e.kind === "entered") transitions++;
    }
  }
  const ms = performance.now() - start;
  return { stepsPerSec: perSecond(transitions, ms), inputsPerSec: perSecond(calls, ms) };
}
