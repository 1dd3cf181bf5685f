/**
 * Group-committed event ingest against real Postgres: many `ingestEvent` calls fired at once
 * so they share transactions, checked row by row against what one event alone does.
 */
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, messages, profiles, runs } from "@/db/schema";
import { makeContact, makeSendingWorkspace, publishDocument, stepsOf } from "@/db/test/engine-harness";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { AppError } from "@/server/errors";
import type { JourneyInput } from "@/server/journey/schema";
import { applyInputs, startRuns } from "./apply-input";
import { ingestEvent, type EventResult } from "./ingest-event";
import { loadVersion } from "./version-cache";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

type NodeSpec = JourneyInput["nodes"][number];
type EdgeSpec = [source: string, handle: string, target: string];

function journey(key: string, nodes: Omit<NodeSpec, "position">[], edges: EdgeSpec[]): JourneyInput {
  return {
    format: "switchboard.journey/v1",
    key,
    name: key,
    purpose: "transactional",
    reentry: "after_exit",
    nodes: nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 140 } }) as NodeSpec),
    edges: edges.map(([source, sourceHandle, target], i) => ({ id: `e${i}`, source, sourceHandle, target })),
  };
}

/** Gold sign-ups get an SMS, everyone waits a day, then the run ends. */
const welcome = journey(
  "welcome",
  [
    { id: "start", type: "trigger", config: { kind: "event", event: "signed_up" } },
    { id: "plan", type: "branch", config: { cases: [{ name: "gold", where: { field: "event.plan", op: "eq", value: "gold" } }] } },
    { id: "sms", type: "send", config: { channel: "sms", content: { body: "Welcome {{ profile.first_name }}" } } },
    { id: "later", type: "wait", config: { mode: "duration", duration: { days: 1 } } },
    { id: "end", type: "exit", config: {} },
  ],
  [
    ["start", "next", "plan"],
    ["plan", "gold", "sms"],
    ["plan", "else", "later"],
    ["sms", "next", "later"],
    ["later", "next", "end"],
  ],
);

/** Enters on order_placed, then waits for the same profile's order_paid. */
const checkout = journey(
  "checkout",
  [
    { id: "start", type: "trigger", config: { kind: "event", event: "order_placed" } },
    { id: "await_paid", type: "wait", config: { mode: "until_event", event: "order_paid", timeout: { days: 1 } } },
    { id: "mark_paid", type: "update_profile", config: { set: { paid_order: "{{ event.order_id }}" } } },
    { id: "end", type: "exit", config: {} },
  ],
  [
    ["start", "next", "await_paid"],
    ["await_paid", "event", "mark_paid"],
    ["await_paid", "timeout", "end"],
    ["mark_paid", "next", "end"],
  ],
);

/** Writes the event's plan onto the profile. */
const planSync = journey(
  "plan-sync",
  [
    { id: "start", type: "trigger", config: { kind: "event", event: "plan_changed" } },
    { id: "set_plan", type: "update_profile", config: { set: { plan: "{{ event.plan }}", synced: true } } },
    { id: "end", type: "exit", config: {} },
  ],
  [
    ["start", "next", "set_plan"],
    ["set_plan", "next", "end"],
  ],
);

/** Enters on ping and then waits for the next ping: the entering ping must not count. */
const pingPong = journey(
  "ping-pong",
  [
    { id: "start", type: "trigger", config: { kind: "event", event: "ping" } },
    { id: "await_ping", type: "wait", config: { mode: "until_event", event: "ping", timeout: { days: 1 } } },
    { id: "end", type: "exit", config: {} },
  ],
  [
    ["start", "next", "await_ping"],
    ["await_ping", "event", "end"],
    ["await_ping", "timeout", "end"],
  ],
);

/** Waits for an event, then branches on the profile as it is then. */
const vipGate = journey(
  "vip-gate",
  [
    { id: "start", type: "trigger", config: { kind: "event", event: "gate_opened" } },
    { id: "await_check", type: "wait", config: { mode: "until_event", event: "gate_checked", timeout: { days: 1 } } },
    { id: "vip", type: "branch", config: { cases: [{ name: "vip", where: { field: "profile.vip", op: "eq", value: true } }] } },
    { id: "vip_end", type: "exit", config: {} },
    { id: "plain_end", type: "exit", config: {} },
  ],
  [
    ["start", "next", "await_check"],
    ["await_check", "event", "vip"],
    ["await_check", "timeout", "plain_end"],
    ["vip", "vip", "vip_end"],
    ["vip", "else", "plain_end"],
  ],
);

async function workspaceWith(...docs: JourneyInput[]) {
  const ws = await makeSendingWorkspace(t.db);
  for (const doc of docs) await publishDocument(t.db, ws.id, doc);
  return ws.id;
}

const contacts = (workspaceId: string, n: number) => Promise.all(Array.from({ length: n }, () => makeContact(t.db, workspaceId)));

/** A run's timeline as the engine wrote it, without ids or times. */
async function timeline(runId: string) {
  const steps = await stepsOf(t.db, runId);
  return steps.map((s) => [s.kind, s.nodeId, s.output]);
}

describe("a burst of events for distinct profiles", () => {
  it("gives each caller its own event and run, with the timeline one event alone produces", async () => {
    const workspaceId = await workspaceWith(welcome);
    const planOf = (i: number) => (i % 2 === 0 ? "gold" : "basic");

    // One event alone per branch, as the reference timelines.
    const [goldAlone, basicAlone] = await contacts(workspaceId, 2);
    const reference = new Map<string, { steps: unknown[]; at: unknown[] }>();
    for (const [p, plan] of [
      [goldAlone!, "gold"],
      [basicAlone!, "basic"],
    ] as const) {
      const alone = await ingestEvent(t.db, workspaceId, { profileId: p.externalId, name: "signed_up", properties: { plan } });
      expect(alone.enrolled).toHaveLength(1);
      const [run] = await t.db.select().from(runs).where(eq(runs.id, alone.enrolled[0]!));
      reference.set(plan, { steps: await timeline(run!.id), at: [run!.status, run!.currentNode, run!.waitingFor?.split(":")[0]] });
    }
    expect(reference.get("gold")!.steps).toContainEqual(["entered", "sms", null]);
    expect(reference.get("basic")!.steps).not.toContainEqual(["entered", "sms", null]);

    const people = await contacts(workspaceId, 50);
    const answers = await Promise.all(
      people.map((p, i) => ingestEvent(t.db, workspaceId, { profileId: p.externalId, name: "signed_up", properties: { plan: planOf(i) } })),
    );

    expect(new Set(answers.map((a) => a.eventId)).size).toBe(50);
    for (const a of answers) {
      expect(a.enrolled).toHaveLength(1);
      expect(a.resumed).toEqual([]);
    }

    const eventRows = await t.db.select().from(events).where(inArray(events.id, answers.map((a) => a.eventId)));
    expect(eventRows).toHaveLength(50);
    const eventById = new Map(eventRows.map((e) => [e.id, e]));
    // They were group-committed: fewer distinct batch clocks than events.
    expect(new Set(eventRows.map((e) => e.receivedAt.getTime())).size).toBeLessThan(50);

    const runRows = await t.db.select().from(runs).where(inArray(runs.id, answers.flatMap((a) => a.enrolled)));
    expect(runRows).toHaveLength(50);
    const runById = new Map(runRows.map((r) => [r.id, r]));
    for (const [i, p] of people.entries()) {
      const a = answers[i]!;
      expect(eventById.get(a.eventId)).toMatchObject({ profileId: p.id, name: "signed_up", properties: { plan: planOf(i) } });
      const run = runById.get(a.enrolled[0]!)!;
      expect(run.profileId).toBe(p.id);
      expect([run.status, run.currentNode, run.waitingFor?.split(":")[0]]).toEqual(reference.get(planOf(i))!.at);
      expect(await timeline(run.id)).toEqual(reference.get(planOf(i))!.steps);
    }

    // Each gold run queued exactly one SMS, to its own profile.
    const sent = await t.db.select().from(messages).where(inArray(messages.runId, [...runById.keys()]));
    expect(sent).toHaveLength(25);
    for (const m of sent) expect(m.profileId).toBe(runById.get(m.runId!)!.profileId);
  });
});

describe("one bad event in a batch", () => {
  it("rejects only the caller whose profile does not exist; the others commit", async () => {
    const workspaceId = await workspaceWith(welcome);
    const people = await contacts(workspaceId, 12);
    const ids = people.map((p) => p.externalId);
    ids.splice(6, 0, "nobody-here");

    const outcomes = await Promise.allSettled(
      ids.map((profileId) => ingestEvent(t.db, workspaceId, { profileId, name: "signed_up", properties: { plan: "gold" } })),
    );

    const failed = outcomes[6]!;
    expect(failed.status).toBe("rejected");
    const error = (failed as PromiseRejectedResult).reason as unknown;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
    expect((error as AppError).message).toContain("nobody-here");

    const answers = outcomes.filter((o, i) => i !== 6).map((o) => {
      expect(o.status).toBe("fulfilled");
      return (o as PromiseFulfilledResult<EventResult>).value;
    });
    const eventRows = await t.db.select().from(events).where(eq(events.workspaceId, workspaceId));
    expect(eventRows.map((e) => e.id).sort()).toEqual(answers.map((a) => a.eventId).sort());
    expect(eventRows.map((e) => e.profileId).sort()).toEqual(people.map((p) => p.id).sort());
    const runRows = await t.db.select().from(runs).where(eq(runs.workspaceId, workspaceId));
    expect(runRows.map((r) => r.id).sort()).toEqual(answers.flatMap((a) => a.enrolled).sort());
    expect(runRows.map((r) => r.profileId).sort()).toEqual(people.map((p) => p.id).sort());
  });
});

describe("one profile's events fired together", () => {
  it("applies them in order: the second resumes the run the first entered", async () => {
    const workspaceId = await workspaceWith(checkout);
    const [alone, ...people] = await contacts(workspaceId, 11);
    // The reference: the same two events for one profile, one after the other.
    const first = await ingestEvent(t.db, workspaceId, { profileId: alone!.externalId, name: "order_placed", properties: { order_id: "O-ref" } });
    const second = await ingestEvent(t.db, workspaceId, { profileId: alone!.externalId, name: "order_paid", properties: { order_id: "O-ref" } });
    expect(second.resumed).toEqual(first.enrolled);
    const referenceSteps = await timeline(first.enrolled[0]!);
    expect(referenceSteps).toContainEqual(["took", "await_paid", "event"]);

    const answers = await Promise.all(
      people.flatMap((p, i) => [
        ingestEvent(t.db, workspaceId, { profileId: p.externalId, name: "order_placed", properties: { order_id: `O-${i}` } }),
        ingestEvent(t.db, workspaceId, { profileId: p.externalId, name: "order_paid", properties: { order_id: `O-${i}` } }),
      ]),
    );

    for (const [i, p] of people.entries()) {
      const placed = answers[2 * i]!;
      const paid = answers[2 * i + 1]!;
      expect(placed.enrolled).toHaveLength(1);
      expect(placed.resumed).toEqual([]);
      expect(paid).toMatchObject({ enrolled: [], resumed: placed.enrolled });

      const [run] = await t.db.select().from(runs).where(eq(runs.id, placed.enrolled[0]!));
      expect(run).toMatchObject({ profileId: p.id, status: "completed" });
      expect(await timeline(run!.id)).toEqual(referenceSteps);
      const [profile] = await t.db.select().from(profiles).where(eq(profiles.id, p.id));
      expect(profile!.attributes).toMatchObject({ paid_order: `O-${i}` });
    }
  });

  // A key busy in another batch holds its event back, but not the same profile's later event:
  // here the unknown profile's event keeps "k-shared" busy, so order_placed waits while
  // order_paid, submitted after it for the same profile, is written first.
  it("keeps one profile's order when an earlier event of it waits on its idempotency key", async () => {
    const workspaceId = await workspaceWith(checkout);
    const [p] = await contacts(workspaceId, 1);

    const [blocker, placed, paid] = await Promise.allSettled([
      ingestEvent(t.db, workspaceId, { profileId: "nobody-here", name: "order_placed", idempotencyKey: "k-shared" }),
      ingestEvent(t.db, workspaceId, { profileId: p!.externalId, name: "order_placed", properties: { order_id: "O-1" }, idempotencyKey: "k-shared" }),
      ingestEvent(t.db, workspaceId, { profileId: p!.externalId, name: "order_paid", properties: { order_id: "O-1" } }),
    ]);
    expect(blocker.status).toBe("rejected");
    expect(placed.status).toBe("fulfilled");
    expect(paid.status).toBe("fulfilled");
    const runId = (placed as PromiseFulfilledResult<EventResult>).value.enrolled[0];
    expect(runId).toBeDefined();
    expect((paid as PromiseFulfilledResult<EventResult>).value.resumed).toEqual([runId]);
    const [run] = await t.db.select().from(runs).where(eq(runs.id, runId!));
    expect(run!.status).toBe("completed");
  });
});

describe("one idempotency key sent five times at once", () => {
  it("stores one event and gives all five callers the same answer", async () => {
    const workspaceId = await workspaceWith(welcome);
    const [p] = await contacts(workspaceId, 1);
    const body = { profileId: p!.externalId, name: "signed_up", properties: { plan: "gold" }, idempotencyKey: "signup-once" };

    const answers = await Promise.all(Array.from({ length: 5 }, () => ingestEvent(t.db, workspaceId, body)));

    expect(answers[0]!.enrolled).toHaveLength(1);
    for (const a of answers) expect(a).toEqual(answers[0]);
    const eventRows = await t.db.select().from(events).where(eq(events.workspaceId, workspaceId));
    expect(eventRows).toHaveLength(1);
    expect(eventRows[0]).toMatchObject({ id: answers[0]!.eventId, idempotencyKey: "signup-once", profileId: p!.id });
    expect((eventRows[0]!.result as { answer: EventResult }).answer).toEqual(answers[0]);
    const runRows = await t.db.select().from(runs).where(eq(runs.workspaceId, workspaceId));
    expect(runRows.map((r) => r.id)).toEqual(answers[0]!.enrolled);
  });
});

describe("keyed events in one batch, some entering runs and some resuming them", () => {
  it("stores every answer, and replays each key with its own", async () => {
    const workspaceId = await workspaceWith(checkout);
    const people = await contacts(workspaceId, 8);
    // Half of them already wait for their payment.
    const waiting = await Promise.all(
      people.slice(0, 4).map((p) => ingestEvent(t.db, workspaceId, { profileId: p.externalId, name: "order_placed", properties: { order_id: `o-${p.externalId}` } })),
    );
    const body = (i: number) => ({
      profileId: people[i]!.externalId,
      ...(i < 4 ? { name: "order_paid", properties: { order_id: `o-${people[i]!.externalId}` } } : { name: "order_placed", properties: {} }),
      idempotencyKey: `batch-key-${workspaceId}-${i}`,
    });

    const answers = await Promise.all(people.map((_, i) => ingestEvent(t.db, workspaceId, body(i))));

    answers.slice(0, 4).forEach((a, i) => expect(a).toMatchObject({ enrolled: [], resumed: waiting[i]!.enrolled }));
    answers.slice(4).forEach((a) => expect(a).toMatchObject({ enrolled: [expect.any(String)], resumed: [] }));
    const replays = await Promise.all(people.map((_, i) => ingestEvent(t.db, workspaceId, body(i))));
    expect(replays).toEqual(answers);
    const stored = await t.db.select().from(events).where(inArray(events.id, answers.map((a) => a.eventId)));
    expect(stored.map((e) => (e.result as { answer: EventResult }).answer).sort((a, b) => a.eventId.localeCompare(b.eventId))).toEqual(
      [...answers].sort((a, b) => a.eventId.localeCompare(b.eventId)),
    );
  });
});

describe("a run whose lock another transaction holds", () => {
  it("is stepped on its profile as that transaction left it", async () => {
    const workspaceId = await workspaceWith(vipGate);
    const [p] = await contacts(workspaceId, 1);
    const runId = (await ingestEvent(t.db, workspaceId, { profileId: p!.externalId, name: "gate_opened" })).enrolled[0]!;
    let applying: Promise<unknown> | undefined;

    await t.db.transaction(async (holder) => {
      await holder.select().from(runs).where(eq(runs.id, runId)).for("update");
      applying = t.db.transaction((tx) =>
        applyInputs(tx, [{ runId, input: { type: "event", name: "gate_checked", properties: {}, at: new Date().toISOString() } }]),
      );
      // Once the other transaction waits for the run, the holder changes the profile and commits.
      const lockWaits = async () =>
        (await t.sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`)[0]!.n;
      while ((await lockWaits()) === 0) await new Promise((r) => setTimeout(r, 10));
      await holder.update(profiles).set({ attributes: { vip: true } }).where(eq(profiles.id, p!.id));
    });
    await applying;

    expect((await timeline(runId)).filter(([kind]) => kind === "took").map(([, node, output]) => [node, output])).toContainEqual(["vip", "vip"]);
  });
});

describe("update_profile in a batch", () => {
  it("updates each profile from its own event, keeping its other attributes", async () => {
    const workspaceId = await workspaceWith(planSync);
    const people = await Promise.all(
      Array.from({ length: 30 }, (_, i) => makeContact(t.db, workspaceId, { attributes: { first_name: `Sam ${i}`, seat: i } })),
    );

    const answers = await Promise.all(
      people.map((p, i) => ingestEvent(t.db, workspaceId, { profileId: p.externalId, name: "plan_changed", properties: { plan: `plan-${i}` } })),
    );

    for (const a of answers) expect(a.enrolled).toHaveLength(1);
    const rows = await t.db.select().from(profiles).where(inArray(profiles.id, people.map((p) => p.id)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [i, p] of people.entries()) {
      expect(byId.get(p.id)!.attributes).toEqual({ first_name: `Sam ${i}`, seat: i, plan: `plan-${i}`, synced: true });
    }
    const runRows = await t.db.select().from(runs).where(inArray(runs.id, answers.flatMap((a) => a.enrolled)));
    expect(runRows.map((r) => [r.profileId, r.status]).sort()).toEqual(people.map((p) => [p.id, "completed"]).sort());
  });
});

describe("an event that enters a run", () => {
  it("never also resumes that run, alone or in a batch; the next one does", async () => {
    const workspaceId = await workspaceWith(pingPong);
    const people = await contacts(workspaceId, 10);
    const firsts = await Promise.all(people.map((p) => ingestEvent(t.db, workspaceId, { profileId: p.externalId, name: "ping" })));
    for (const first of firsts) expect(first).toMatchObject({ enrolled: [expect.any(String)], resumed: [] });
    const waiting = await t.db.select().from(runs).where(inArray(runs.id, firsts.map((f) => f.enrolled[0]!)));
    expect(waiting.map((r) => [r.status, r.waitingFor])).toEqual(waiting.map(() => ["waiting", "event:ping"]));

    const seconds = await Promise.all(people.map((p) => ingestEvent(t.db, workspaceId, { profileId: p.externalId, name: "ping" })));
    seconds.forEach((second, i) => expect(second).toEqual({ eventId: expect.any(String), enrolled: [], resumed: firsts[i]!.enrolled }));
    const ended = await t.db.select().from(runs).where(inArray(runs.id, firsts.map((f) => f.enrolled[0]!)));
    expect(ended.map((r) => r.status)).toEqual(ended.map(() => "completed"));
  });
});

describe("runs started in the same round trip as their effects", () => {
  it("keep no timeline, message or job target for a start that lost the race for a profile's active run", async () => {
    const doc = journey(
      "race",
      [
        { id: "start", type: "trigger", config: { kind: "event", event: "raced" } },
        { id: "sms", type: "send", config: { channel: "sms", content: { body: "Hi" } } },
        { id: "end", type: "exit", config: {} },
      ],
      [
        ["start", "next", "sms"],
        ["sms", "next", "end"],
      ],
    );
    const ws = await makeSendingWorkspace(t.db);
    const { id: journeyId } = await publishDocument(t.db, ws.id, doc);
    const [person] = await contacts(ws.id, 1);
    const [live] = await t.sql<{ versionId: string }[]>`
      select v.id as "versionId" from journey_versions v join journeys j on j.id = v.journey_id and v.version = j.live_version where j.id = ${journeyId}`;
    const [profile] = await t.db.select().from(profiles).where(eq(profiles.id, person!.id));

    // Two entries of one profile in one statement: the active-run index lets one through.
    const started = await t.db.transaction(async (tx) => {
      const version = await loadVersion(tx, live!.versionId);
      const start = { version, profile: profile!, enrol: { type: "enrol" as const, event: { name: "raced", properties: {} } } };
      return startRuns(tx, [start, start]);
    });

    expect(started.filter((s) => s !== null)).toHaveLength(1);
    const [winner] = started.filter((s) => s !== null);
    const runRows = await t.db.select().from(runs).where(eq(runs.profileId, person!.id));
    expect(runRows.map((r) => r.id)).toEqual([winner!.runId]);
    const sent = await t.db.select().from(messages).where(eq(messages.profileId, person!.id));
    expect(sent.map((m) => m.runId)).toEqual([winner!.runId]);
    const orphanSteps = await t.sql`select 1 from run_timeline t where not exists (select 1 from runs r where r.id = t.run_id)`;
    expect(orphanSteps).toHaveLength(0);
    expect(await timeline(winner!.runId)).toContainEqual(["took", "start", "next"]);
  });
});
