import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runs } from "@/db/schema";
import { makeContact, makeSendingWorkspace, publishDocument } from "@/db/test/engine-harness";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import type { JourneyInput } from "@/server/journey/schema";
import { ingestEvent } from "./ingest-event";
import { wakeDueRuns } from "./wake-due-runs";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const waitJourney: JourneyInput = {
  format: "switchboard.journey/v1",
  key: "hold",
  name: "Hold an hour",
  purpose: "transactional",
  reentry: "always",
  nodes: [
    { id: "start", type: "trigger", position: { x: 0, y: 0 }, config: { kind: "event", event: "hold" } },
    { id: "wait", type: "wait", position: { x: 0, y: 140 }, config: { mode: "duration", duration: { hours: 1 } } },
    { id: "end", type: "exit", position: { x: 0, y: 280 }, config: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourceHandle: "next", target: "wait" },
    { id: "e2", source: "wait", sourceHandle: "next", target: "end" },
  ],
};

describe("wakeDueRuns", () => {
  it("wakes only due runs, and sets a broken one aside without blocking the others", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, waitJourney);
    const start = new Date();
    const runIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await makeContact(t.db, ws.id);
      runIds.push(...(await ingestEvent(t.db, ws.id, { profileId: p.externalId, name: "hold" }, start)).enrolled);
    }
    const [first, broken, third] = runIds as [string, string, string];
    expect(await wakeDueRuns(t.db, { now: new Date(start.getTime() + 30 * 60_000) })).toBe(0);

    await t.db.update(runs).set({ state: sql`'{"not":"a run state"}'::jsonb` }).where(eq(runs.id, broken));
    const errors: string[] = [];
    const later = new Date(start.getTime() + 61 * 60_000);
    expect(await wakeDueRuns(t.db, { now: later, onError: (id) => errors.push(id) })).toBe(3);
    expect(errors).toEqual([broken]);
    const rows = await t.db.select().from(runs).where(sql`${runs.id} in ${runIds}`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first)!.status).toBe("completed");
    expect(byId.get(third)!.status).toBe("completed");
    expect(byId.get(broken)!.status).toBe("waiting");
    expect(byId.get(broken)!.nextWakeAt!.getTime()).toBe(later.getTime() + 60_000);
  });
});
