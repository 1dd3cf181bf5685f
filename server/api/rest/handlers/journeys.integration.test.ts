/** Journeys through the API: import, export, publish, enroll, simulate. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, runs, sandboxMessages } from "@/db/schema";
import { loadExample, makeContact, makeSendingWorkspace } from "@/db/test/engine-harness";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import type { JourneyInput } from "@/server/journey/schema";
import type { SimulateResult } from "@/server/journey/simulate";
import { createApiKey } from "@/server/workspaces/api-keys";
import type { ApiErrorBody } from "../api-error";
import { apiClient } from "../testing/call-api";
import { enrollRoute, getJourneyRoute, publishJourneyRoute, putJourneyRoute, simulateRoute } from "./journeys";

let t: TestDatabase;
let workspaceId: string;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = (await makeSendingWorkspace(t.db)).id;
  call = apiClient(t.db, { key: (await createApiKey(t.db, workspaceId, { name: "test" }, null)).key });
});
afterAll(() => t.drop());

type Draft = { key: string; name: string; revision: number; liveVersion: number | null; document: JourneyInput; errors: Issue[]; warnings: Issue[] };
type Issue = { code: string; nodeId?: string; message: string };

/** A marketing SMS entered through the API, with an unreachable node and no opt-out wording. */
function flashSale(key: string, options: { orphan?: boolean; name?: string } = {}): JourneyInput {
  return {
    format: "switchboard.journey/v1",
    key,
    name: options.name ?? "Flash sale",
    purpose: "marketing",
    nodes: [
      { id: "start", type: "trigger", position: { x: 0, y: 0 }, config: { kind: "api" } },
      { id: "sms", type: "send", position: { x: 0, y: 100 }, config: { channel: "sms", content: { body: "Flash sale today, {{ profile.first_name }}!" } } },
      { id: "end", type: "exit", position: { x: 0, y: 200 }, config: {} },
      ...(options.orphan ? [{ id: "orphan", type: "exit" as const, position: { x: 200, y: 200 }, config: {} }] : []),
    ],
    edges: [
      { id: "e1", source: "start", sourceHandle: "next", target: "sms" },
      { id: "e2", source: "sms", sourceHandle: "next", target: "end" },
    ],
  };
}

const put = (key: string, body: unknown) => call<Draft & ApiErrorBody>(putJourneyRoute, { params: { key }, body });

describe("PUT and GET /journeys/{key}", () => {
  it("saves the draft and returns its validation errors and warnings", async () => {
    const answer = await put("flash-a", flashSale("flash-a", { orphan: true }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ key: "flash-a", name: "Flash sale", liveVersion: null });
    expect(answer.body.errors.map((e) => [e.code, e.nodeId])).toEqual([["node_unreachable", "orphan"]]);
    expect(answer.body.warnings.map((w) => w.code)).toContain("sms_opt_out_missing");
  });

  it("exports the document as imported, and updates the draft on a second import", async () => {
    await put("flash-b", flashSale("flash-b"));
    const exported = await call<JourneyInput>(getJourneyRoute, { params: { key: "flash-b" } });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject(flashSale("flash-b"));
    const second = await put("flash-b", flashSale("flash-b", { name: "Flash sale (v2)" }));
    expect(second.body.revision).toBe(2);
    expect((await call<JourneyInput>(getJourneyRoute, { params: { key: "flash-b" } })).body.name).toBe("Flash sale (v2)");
  });

  it.each([
    ["another format", { ...flashSale("flash-c"), format: "acme.flow/v2" }, "unsupported_format", undefined],
    ["a node with a broken config", { ...flashSale("flash-c"), nodes: [...flashSale("flash-c").nodes.slice(0, 1), { id: "sms", type: "send", position: { x: 0, y: 0 }, config: { channel: "sms" } }] }, "schema", "sms"],
    ["no body", undefined, "schema", undefined],
  ])("refuses %s with 400 and the issues", async (_name, body, code, nodeId) => {
    const answer = await put("flash-c", body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.issues?.[0]).toMatchObject({ code, ...(nodeId ? { nodeId } : {}) });
    expect((await call(getJourneyRoute, { params: { key: "flash-c" } })).status).toBe(404);
  });

  it("refuses a document whose key is not the URL's", async () => {
    const answer = await put("flash-d", flashSale("other-key"));
    expect([answer.status, answer.body.error.code]).toEqual([400, "BAD_REQUEST"]);
  });

  it("answers 404 for an unknown journey or version", async () => {
    expect((await call(getJourneyRoute, { params: { key: "nope" } })).status).toBe(404);
    await put("flash-e", flashSale("flash-e"));
    expect((await call(getJourneyRoute, { params: { key: "flash-e" }, query: { version: 3 } })).status).toBe(404);
    expect((await call(getJourneyRoute, { params: { key: "flash-e" }, query: { version: "x" } })).status).toBe(400);
  });
});

describe("POST /journeys/{key}/publish", () => {
  it("refuses a draft with errors, with the errors as issues, then publishes once fixed", async () => {
    await put("flash-p", flashSale("flash-p", { orphan: true }));
    const refused = await call<ApiErrorBody>(publishJourneyRoute, { params: { key: "flash-p" } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([expect.objectContaining({ code: "node_unreachable", nodeId: "orphan", path: expect.any(Array) })]);

    await put("flash-p", flashSale("flash-p"));
    const published = await call<{ version: number; changes: unknown[]; warnings: Issue[]; exitedRuns: number }>(publishJourneyRoute, {
      params: { key: "flash-p" },
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 1, changes: [{ kind: "added", what: "First version" }], exitedRuns: 0 });
    expect(published.body.warnings.map((w) => w.code)).toContain("sms_opt_out_missing");

    await put("flash-p", flashSale("flash-p", { name: "Flash sale, renamed" }));
    const again = await call<{ version: number }>(publishJourneyRoute, { params: { key: "flash-p" }, body: { inFlight: "exit" } });
    expect(again.body.version).toBe(2);
    expect((await call<JourneyInput>(getJourneyRoute, { params: { key: "flash-p" }, query: { version: 1 } })).body.name).toBe("Flash sale");
    expect((await call<JourneyInput>(getJourneyRoute, { params: { key: "flash-p" }, query: { version: 2 } })).body.name).toBe("Flash sale, renamed");
  });

  it("validates the options and answers 404 for an unknown journey", async () => {
    await put("flash-q", flashSale("flash-q"));
    expect((await call(publishJourneyRoute, { params: { key: "flash-q" }, body: { inFlight: "later" } })).status).toBe(400);
    expect((await call(publishJourneyRoute, { params: { key: "nope" } })).status).toBe(404);
  });
});

describe("POST /journeys/{key}/enroll", () => {
  it("starts a run on the live version, once per profile while it is active", async () => {
    await put("flash-r", flashSale("flash-r"));
    await call(publishJourneyRoute, { params: { key: "flash-r" } });
    const p = await makeContact(t.db, workspaceId);
    const enrolled = await call<{ runId: string }>(enrollRoute, { params: { key: "flash-r" }, body: { profileId: p.externalId, data: { sale: "spring" } } });
    expect(enrolled.status).toBe(200);
    const [run] = await t.db.select().from(runs).where(eq(runs.id, enrolled.body.runId));
    expect([run?.version, run?.profileId]).toEqual([1, p.id]);
    const again = await call<ApiErrorBody>(enrollRoute, { params: { key: "flash-r" }, body: { profileId: p.externalId } });
    expect([again.status, again.body.error.code]).toEqual([409, "CONFLICT"]);
  });

  it("refuses a journey not entered through the API, an unknown profile and an unknown journey", async () => {
    await put("order-confirmation", loadExample("order-confirmation-whatsapp-sms-fallback"));
    await call(publishJourneyRoute, { params: { key: "order-confirmation" } });
    const p = await makeContact(t.db, workspaceId);
    expect((await call(enrollRoute, { params: { key: "order-confirmation" }, body: { profileId: p.externalId } })).status).toBe(400);
    expect((await call(enrollRoute, { params: { key: "flash-r" }, body: { profileId: "ghost" } })).status).toBe(404);
    expect((await call(enrollRoute, { params: { key: "nope" }, body: { profileId: p.externalId } })).status).toBe(404);
  });
});

describe("POST /journeys/{key}/simulate", () => {
  const profile = { id: "sim-1", phone: "+447400900900", whatsapp: "+447400900900", country: "GB", timezone: "Europe/London", first_name: "Ada" };
  const count = async () => {
    const [m] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(messages).where(eq(messages.workspaceId, workspaceId));
    const [r] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(runs).where(eq(runs.workspaceId, workspaceId));
    const [s] = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(sandboxMessages).where(eq(sandboxMessages.workspaceId, workspaceId));
    return [m?.n, r?.n, s?.n];
  };

  it("takes the SMS fallback when WhatsApp is undelivered, and writes nothing", async () => {
    await put("order-confirmation", loadExample("order-confirmation-whatsapp-sms-fallback"));
    const before = await count();
    const answer = await call<SimulateResult>(simulateRoute, {
      params: { key: "order-confirmation" },
      body: {
        profile,
        events: [{ afterSeconds: 0, name: "order_placed", properties: { order_id: "A-1" } }],
        outcomes: [{ nodeId: "wa", outcome: "undelivered", afterSeconds: 5 }],
        startAt: "2025-03-03T12:00:00Z",
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.path).toEqual(["placed", "wa", "sms", "done"]);
    expect(answer.body.taken).toContainEqual({ nodeId: "wa", output: "fallback" });
    expect(answer.body.sends.map((s) => [s.nodeId, s.status])).toEqual([
      ["wa", "undelivered"],
      ["sms", "delivered"],
    ]);
    expect(answer.body.sends[1]!.content).toEqual({ body: "ACME: order A-1 confirmed. Track it in the app." });
    expect(answer.body.status).toBe("completed");
    expect(await count()).toEqual(before);
  });

  it("shows consent suppressions and quiet-hours deferrals from the workspace's rules", async () => {
    await put("flash-s", flashSale("flash-s"));
    const noConsent = await call<SimulateResult>(simulateRoute, { params: { key: "flash-s" }, body: { profile, startAt: "2025-03-03T12:00:00Z" } });
    expect(noConsent.body.sends.map((s) => [s.status, s.reason])).toEqual([["suppressed", "no_opt_in"]]);

    const consents = [{ channel: "sms", purpose: "marketing", status: "opted_in" }];
    const lateEvening = await call<SimulateResult>(simulateRoute, { params: { key: "flash-s" }, body: { profile, consents, startAt: "2025-03-03T22:30:00Z" } });
    const [send] = lateEvening.body.sends;
    expect(send?.status).toBe("delivered");
    expect(send?.sentAt).toBe("2025-03-04T08:00:00.000Z");
    expect(lateEvening.body.timeline.some((e) => e.kind === "deferred" && e.nodeId === "sms")).toBe(true);
  });

  it("simulates a published version with ?version=, and refuses a draft with errors", async () => {
    await put("flash-t", flashSale("flash-t"));
    await call(publishJourneyRoute, { params: { key: "flash-t" } });
    await put("flash-t", flashSale("flash-t", { orphan: true }));
    const body = { profile, consents: [{ channel: "sms", purpose: "marketing", status: "opted_in" }], startAt: "2025-03-03T12:00:00Z" };
    const draft = await call<ApiErrorBody>(simulateRoute, { params: { key: "flash-t" }, body });
    expect([draft.status, draft.body.error.issues?.[0]?.code]).toEqual([400, "node_unreachable"]);
    const v1 = await call<SimulateResult>(simulateRoute, { params: { key: "flash-t" }, query: { version: 1 }, body });
    expect([v1.status, v1.body.path]).toEqual([200, ["start", "sms", "end"]]);
    expect(v1.body.sends[0]?.content).toEqual({ body: "Flash sale today, Ada!" });
  });

  it("refuses a sample profile without an id, or with a number that is not one", async () => {
    await put("flash-u", flashSale("flash-u"));
    const noId = await call<ApiErrorBody>(simulateRoute, { params: { key: "flash-u" }, body: { profile: { phone: "+447400900900" } } });
    expect([noId.status, noId.body.error.issues?.[0]?.path]).toEqual([400, ["profile", "id"]]);
    expect((await call(simulateRoute, { params: { key: "flash-u" }, body: { profile: { id: "x", phone: "123" } } })).status).toBe(400);
  });
});
