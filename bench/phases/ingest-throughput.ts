/**
 * Events through the API's own service (`ingestEvent`: one transaction that stores the event,
 * enrols, and runs the interpreter until the run parks), as fast as `clients` callers can go.
 * Every event is for a fresh profile, so every event enrols exactly one run.
 */
import type { Db } from "@/db/client";
import { ingestEvent } from "@/server/engine/ingest-event";
import type { BenchWorkspace } from "../bench-workspace";
import { closedLoop } from "../load";
import { perSecond, spread, type Spread } from "../stats";

export type IngestResult = { clients: number; events: number; enrolled: number; perSec: number; wallMs: number; callMs: Spread };

export async function measureIngest(
  db: Db,
  ws: BenchWorkspace,
  options: { event: string; clients: number; seconds: number; maxCalls: number },
): Promise<IngestResult> {
  let enrolled = 0;
  const result = await closedLoop({
    clients: options.clients,
    seconds: options.seconds,
    maxCalls: options.maxCalls,
    call: async (i) => {
      const answer = await ingestEvent(db, ws.workspaceId, { profileId: ws.nextProfile(), name: options.event, properties: { n: i } });
      enrolled += answer.enrolled.length;
    },
  });
  return {
    clients: options.clients,
    events: result.completed,
    enrolled,
    perSec: perSecond(enrolled, result.wallMs),
    wallMs: Math.round(result.wallMs),
    callMs: spread(result.latenciesMs),
  };
}

/** A few untimed events first: version cache, prepared statements, connections. */
export async function warmUp(db: Db, ws: BenchWorkspace, event: string, count = 20): Promise<void> {
  for (let i = 0; i < count; i++) await ingestEvent(db, ws.workspaceId, { profileId: ws.nextProfile(), name: event, properties: { n: i } });
}
