import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTimeline } from "@/db/schema";
import { makeContact, makeSendingWorkspace, publishDocument, smsJourney } from "@/db/test/engine-harness";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { ingestEvent } from "@/server/engine/ingest-event";
import { getRun } from "./get-run";
import { latestRunSteps } from "./run-steps";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** A run entered through the engine (one timeline entry), plus `extra` entries of `perEntry` steps each. */
async function runWithEntries(extra: number, perEntry: number) {
  const ws = await makeSendingWorkspace(t.db);
  await publishDocument(t.db, ws.id, smsJourney("steps-read"));
  const contact = await makeContact(t.db, ws.id);
  const { enrolled } = await ingestEvent(t.db, ws.id, { profileId: contact.externalId, name: "steps-read" });
  const runId = enrolled[0]!;
  for (let e = 0; e < extra; e++) {
    const steps = Array.from({ length: perEntry }, (_, i) => ({ nodeId: `n${e}`, kind: "outcome", detail: `${e}/${i}` }));
    await t.db.insert(runTimeline).values({ runId, steps });
  }
  return { workspaceId: ws.id, runId };
}

describe("a run's steps, read from its timeline entries", () => {
  it("lists every step of every entry oldest first, each with a distinct id in step order", async () => {
    const { runId } = await runWithEntries(2, 3);
    const steps = await latestRunSteps(t.db, runId, 100);
    // The engine's entry first (enter the trigger, take it, enter the SMS…), then the extra ones.
    expect(steps.slice(0, 2).map((s) => [s.kind, s.nodeId])).toEqual([
      ["entered", "start"],
      ["took", "start"],
    ]);
    expect(steps.slice(-6).map((s) => s.detail)).toEqual(["0/0", "0/1", "0/2", "1/0", "1/1", "1/2"]);
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
    const order = steps.map((s) => s.id.split(".").map(Number) as [number, number]);
    expect([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1])).toEqual(order);
  });

  it("keeps only the latest steps when asked for fewer, cutting through an entry", async () => {
    const { runId } = await runWithEntries(3, 4);
    expect((await latestRunSteps(t.db, runId, 6)).map((s) => s.detail)).toEqual(["1/2", "1/3", "2/0", "2/1", "2/2", "2/3"]);
  });

  it("marks a run's view truncated past MAX_RUN_STEPS, keeping the latest ones", async () => {
    const { workspaceId, runId } = await runWithEntries(11, 100);
    const view = await getRun(t.db, workspaceId, runId);
    expect(view.stepsTruncated).toBe(true);
    expect(view.steps).toHaveLength(1_000);
    expect(view.steps.at(-1)?.detail).toBe("10/99");
    expect(view.steps[0]?.detail).toBe("1/0");
  });

  it("shows a step whose kind this version does not know as its text, instead of failing the timeline", async () => {
    const { runId } = await runWithEntries(0, 0);
    await t.db.insert(runTimeline).values({ runId, steps: [{ nodeId: "sms", kind: "rerouted", detail: "from a newer engine" }] });
    const steps = await latestRunSteps(t.db, runId, 100);
    expect(steps.at(-1)).toMatchObject({ nodeId: "sms", kind: "rerouted", detail: "from a newer engine" });
  });
});
