/**
 * The API driving real runs with the worker: the sandbox scripted and answered through
 * `/sandbox/*`, the results read back through `/runs/{id}` and `/messages`, scoped to the
 * caller's workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daytimeZone, loadExample, makeSendingWorkspace, startEngine, uniquePhone, waitForMessageStatus, waitForRun } from "@/db/test/engine-harness";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import type { EventResult } from "@/server/engine/ingest-event";
import type { EngineRuntime } from "@/server/engine/engine-runtime";
import type { JourneyInput } from "@/server/journey/schema";
import type { ProfileDetail } from "@/server/profiles/get-profile";
import type { RunView } from "@/server/runs/get-run";
import type { MessageView } from "@/server/runs/list-messages";
import { createApiKey } from "@/server/workspaces/api-keys";
import type { ApiErrorBody } from "../api-error";
import { apiClient } from "../testing/call-api";
import { postEventRoute } from "./events";
import { enrollRoute, publishJourneyRoute, putJourneyRoute } from "./journeys";
import { getProfileRoute, putProfileRoute } from "./profiles";
import { getRunRoute, listMessagesRoute } from "./runs";
import { sandboxInboundRoute, sandboxOutcomeRoute } from "./sandbox";

let t: TestDatabase;
let engine: EngineRuntime;
let call: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  engine = await startEngine(t);
  const ws = await makeSendingWorkspace(t.db);
  call = apiClient(t.db, { key: (await createApiKey(t.db, ws.id, { name: "test" }, null)).key });
  const elsewhere = await makeSendingWorkspace(t.db);
  other = apiClient(t.db, { key: (await createApiKey(t.db, elsewhere.id, { name: "other" }, null)).key });

  for (const doc of [loadExample("order-confirmation-whatsapp-sms-fallback"), replyToConfirm()]) {
    expect((await call(putJourneyRoute, { params: { key: doc.key }, body: doc })).status).toBe(200);
    expect((await call(publishJourneyRoute, { params: { key: doc.key } })).status).toBe(200);
  }
});
afterAll(async () => {
  await engine.stop();
  await t.drop();
});

/** An SMS that waits 20 s for a reply: `next` on a reply, else a reminder. */
function replyToConfirm(): JourneyInput {
  return {
    format: "switchboard.journey/v1",
    key: "confirm-by-reply",
    name: "Confirm by reply",
    purpose: "transactional",
    nodes: [
      { id: "start", type: "trigger", position: { x: 0, y: 0 }, config: { kind: "api" } },
      {
        id: "ask",
        type: "send",
        position: { x: 0, y: 100 },
        config: { channel: "sms", content: { body: "Reply YES to confirm {{ event.slot }}." }, await: { outcome: "replied", within: { seconds: 20 } } },
      },
      { id: "reminder", type: "send", position: { x: 200, y: 200 }, config: { channel: "sms", content: { body: "Still there?" } } },
      { id: "end", type: "exit", position: { x: 0, y: 300 }, config: {} },
    ],
    edges: [
      { id: "e1", source: "start", sourceHandle: "next", target: "ask" },
      { id: "e2", source: "ask", sourceHandle: "next", target: "end" },
      { id: "e3", source: "ask", sourceHandle: "fallback", target: "reminder" },
      { id: "e4", source: "reminder", sourceHandle: "next", target: "end" },
    ],
  };
}

async function contact() {
  const externalId = `api-${Date.now().toString(36)}-${n++}`;
  const phone = uniquePhone();
  const answer = await call(putProfileRoute, {
    params: { externalId },
    body: { phone, whatsapp: phone, country: "GB", timezone: daytimeZone(), attributes: { first_name: "Sam" } },
  });
  expect(answer.status).toBe(200);
  return { externalId, phone };
}

/** "+447400912345" as a person might type it. */
const spaced = (e164: string) => `${e164.slice(0, 3)} ${e164.slice(3, 7)} ${e164.slice(7)}`;

describe("a run driven through the API", () => {
  // Made by the first test that needs it (polling the run needs a test around it).
  let driven: Promise<{ runId: string; person: { externalId: string; phone: string } }> | undefined;
  const drivenRun = () => (driven ??= drive());

  async function drive() {
    const person = await contact();
    const scripted = await call<{ to: string; outcome: string }>(sandboxOutcomeRoute, {
      body: { channel: "whatsapp", to: spaced(person.phone), outcome: "undelivered", afterMs: 200 },
    });
    expect(scripted.status).toBe(200);
    expect(scripted.body).toMatchObject({ to: person.phone, outcome: "undelivered" });
    const event = await call<EventResult>(postEventRoute, { body: { profileId: person.externalId, name: "order_placed", properties: { order_id: "A-1" } } });
    expect(event.status).toBe(202);
    const runId = event.body.enrolled[0]!;
    await waitForRun(t.db, runId);
    return { runId, person };
  }

  it("GET /runs/{id} shows the state, version, current node and timeline", async () => {
    const { runId, person } = await drivenRun();
    const answer = await call<RunView>(getRunRoute, { params: { id: runId } });
    expect(answer.status).toBe(200);
    const run = answer.body;
    expect(run).toMatchObject({ id: runId, version: 1, profileId: person.externalId, status: "completed", currentNode: "done", journey: { key: "order-confirmation" } });
    expect(run.state.status).toBe("completed");
    expect(run.steps.filter((s) => s.kind === "entered").map((s) => s.nodeId)).toEqual(["placed", "wa", "sms", "done"]);
    expect(run.steps).toContainEqual(expect.objectContaining({ kind: "took", nodeId: "wa", output: "fallback" }));
    expect(run.stepsTruncated).toBe(false);
  });

  it("GET /messages shows what was sent, newest first, with the text read and the status history", async () => {
    const { runId, person } = await drivenRun();
    const answer = await call<MessageView[]>(listMessagesRoute, { query: { runId } });
    expect(answer.status).toBe(200);
    const [sms, wa] = answer.body;
    expect(answer.body).toHaveLength(2);
    expect(sms).toMatchObject({ runId, nodeId: "sms", channel: "sms", purpose: "transactional", to: person.phone, from: "+15005550006", provider: "sandbox" });
    expect(sms?.body).toBe("ACME: order A-1 confirmed. Track it in the app.");
    expect(wa).toMatchObject({ nodeId: "wa", channel: "whatsapp", status: "undelivered", body: "Hi Sam, order A-1 is confirmed." });
    expect(wa?.statusHistory.map((h) => h.status)).toEqual(["pending", "sending", "sent", "undelivered"]);
    expect(Object.keys(sms!).sort()).toEqual(["body", "channel", "from", "id", "nodeId", "provider", "purpose", "runId", "status", "statusHistory", "to"]);

    const byProfile = await call<MessageView[]>(listMessagesRoute, { query: { profileId: person.externalId } });
    expect(byProfile.body.map((m) => m.id)).toEqual(answer.body.map((m) => m.id));
    const byJourney = await call<MessageView[]>(listMessagesRoute, { query: { journey: "order-confirmation", limit: 1 } });
    expect(byJourney.body).toHaveLength(1);
  });

  it("keeps runs and messages to their workspace", async () => {
    const { runId, person } = await drivenRun();
    const run = await other<ApiErrorBody>(getRunRoute, { params: { id: runId } });
    expect([run.status, run.body.error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await other<MessageView[]>(listMessagesRoute, { query: { runId } })).body).toEqual([]);
    expect((await other(listMessagesRoute, { query: { profileId: person.externalId } })).status).toBe(404);
    expect((await other<MessageView[]>(listMessagesRoute, {})).body).toEqual([]);
  });

  it("answers 404 for an unknown run and 400 for an id that is not one", async () => {
    expect((await call(getRunRoute, { params: { id: "00000000-0000-4000-8000-000000000000" } })).status).toBe(404);
    expect((await call(getRunRoute, { params: { id: "run-1" } })).status).toBe(400);
    expect((await call(listMessagesRoute, { query: { limit: 501 } })).status).toBe(400);
    expect((await call(listMessagesRoute, { query: { journey: "nope" } })).status).toBe(404);
  });
});

describe("POST /sandbox/inbound", () => {
  it("counts a reply as the awaited outcome, so the run goes on without the reminder", async () => {
    const person = await contact();
    const enrolled = await call<{ runId: string }>(enrollRoute, { params: { key: "confirm-by-reply" }, body: { profileId: person.externalId, data: { slot: "Tue 09:30" } } });
    const { runId } = enrolled.body;
    await waitForMessageStatus(t.db, runId, "ask", "delivered");
    const reply = await call<{ kind: string; profileId: string; repliedTo: string }>(sandboxInboundRoute, { body: { channel: "sms", from: person.phone, text: "Yes please" } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ kind: "other", profileId: person.externalId });
    const run = await waitForRun(t.db, runId);
    expect(run.status).toBe("completed");
    const sent = await call<MessageView[]>(listMessagesRoute, { query: { runId } });
    expect(sent.body.map((m) => [m.nodeId, m.status, m.body])).toEqual([["ask", "replied", "Reply YES to confirm Tue 09:30."]]);
    expect(reply.body.repliedTo).toBe(sent.body[0]!.id);
  });

  it("opts the sender out on STOP, as the profile then shows", async () => {
    const person = await contact();
    const stop = await call<{ kind: string }>(sandboxInboundRoute, { body: { channel: "sms", from: spaced(person.phone), text: "STOP" } });
    expect(stop.body.kind).toBe("opt_out");
    const detail = await call<ProfileDetail>(getProfileRoute, { params: { externalId: person.externalId } });
    expect(detail.body.consents.current).toEqual(
      expect.arrayContaining([
        { channel: "sms", purpose: "marketing", status: "opted_out" },
        { channel: "sms", purpose: "transactional", status: "opted_out" },
      ]),
    );
    expect(detail.body.timeline[0]).toMatchObject({ type: "inbound", channel: "sms", text: "STOP", classification: "opt_out" });
  });

  it("validates the reply", async () => {
    const answer = await call<ApiErrorBody>(sandboxInboundRoute, { body: { channel: "fax", from: "+1", text: "hi" } });
    expect([answer.status, answer.body.error.issues?.[0]?.path]).toEqual([400, ["channel"]]);
  });
});
