/** Profiles, consent and events through the API. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, messages, profiles } from "@/db/schema";
import { loadExample, makeSendingWorkspace, publishDocument } from "@/db/test/engine-harness";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import type { EventResult } from "@/server/engine/ingest-event";
import type { ProfileDetail, Profile } from "@/server/profiles/get-profile";
import { createApiKey } from "@/server/workspaces/api-keys";
import type { ApiErrorBody } from "../api-error";
import { apiClient } from "../testing/call-api";
import { postConsentRoute } from "./consent";
import { postEventRoute, postEventsBatchRoute } from "./events";
import { getProfileRoute, putProfileRoute } from "./profiles";

let t: TestDatabase;
let workspaceId: string;
let call: ReturnType<typeof apiClient>;
let n = 0;
const externalId = () => `cust-${Date.now().toString(36)}-${n++}`;

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = (await makeSendingWorkspace(t.db)).id;
  call = apiClient(t.db, { key: (await createApiKey(t.db, workspaceId, { name: "test" }, null)).key });
  // A live journey the events below enter (no worker runs here: the run just waits in the outbox).
  await publishDocument(t.db, workspaceId, loadExample("order-confirmation-whatsapp-sms-fallback"));
});
afterAll(() => t.drop());

async function putProfile(id: string, body: Record<string, unknown>) {
  return call<Profile & ApiErrorBody>(putProfileRoute, { params: { externalId: id }, body });
}

describe("PUT /profiles/{externalId}", () => {
  it("creates a profile with numbers in E.164, then updates only what is given", async () => {
    const id = externalId();
    const created = await putProfile(id, { phone: "07400 900123", whatsapp: "+44 7400 900124", country: "gb", email: "Sam@Example.COM", attributes: { tier: "gold", first_name: "Sam" } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id, phone: "+447400900123", whatsapp: "+447400900124", country: "GB", email: "sam@example.com", attributes: { tier: "gold", first_name: "Sam" } });

    const updated = await putProfile(id, { timezone: "Europe/London", attributes: { tier: null, plan: "pro" } });
    expect(updated.body).toMatchObject({ phone: "+447400900123", timezone: "Europe/London", attributes: { first_name: "Sam", plan: "pro" } });
    expect(updated.body.attributes).not.toHaveProperty("tier");
    expect(await t.db.select().from(profiles).where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.externalId, id)))).toHaveLength(1);
  });

  it.each([
    ["a phone number that is not one", { phone: "12345" }],
    ["a local number without a country", { phone: "07400 900123" }],
    ["an unknown time zone", { timezone: "Mars/Olympus" }],
    ["an unknown field", { nickname: "S" }],
  ])("refuses %s with 400 and creates nothing", async (_name, body) => {
    const id = externalId();
    const answer = await putProfile(id, body);
    expect([answer.status, answer.body.error.code]).toEqual([400, "BAD_REQUEST"]);
    expect(await t.db.select().from(profiles).where(eq(profiles.externalId, id))).toEqual([]);
  });
});

describe("POST /consent and GET /profiles/{externalId}", () => {
  it("records consent and shows it, with the log, on the profile", async () => {
    const id = externalId();
    await putProfile(id, { phone: "+447400900200" });
    const consent = await call<Record<string, unknown>>(postConsentRoute, {
      body: { profileId: id, channel: "sms", purpose: "marketing", status: "opted_in", source: "checkout", timestamp: "2025-01-02T10:00:00Z" },
    });
    expect(consent.status).toBe(200);
    expect(consent.body).toMatchObject({ profileId: id, channel: "sms", purpose: "marketing", status: "opted_in", source: "checkout", at: "2025-01-02T10:00:00.000Z" });
    await call(postConsentRoute, { body: { profileId: id, channel: "email", purpose: "marketing", status: "opted_out", source: "unsubscribe_link" } });

    const detail = await call<ProfileDetail>(getProfileRoute, { params: { externalId: id } });
    expect(detail.status).toBe(200);
    expect(detail.body.profile).toMatchObject({ id, phone: "+447400900200" });
    expect(detail.body.consents.current).toEqual(
      expect.arrayContaining([
        { channel: "sms", purpose: "marketing", status: "opted_in" },
        { channel: "email", purpose: "marketing", status: "opted_out" },
      ]),
    );
    expect(detail.body.consents.log.map((c) => c.source)).toEqual(["unsubscribe_link", "checkout"]);
  });

  it("refuses consent for an unknown profile with 404", async () => {
    const answer = await call<ApiErrorBody>(postConsentRoute, { body: { profileId: "ghost", channel: "sms", purpose: "marketing", status: "opted_in", source: "x" } });
    expect([answer.status, answer.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });

  it("shows events, runs and messages on the timeline, newest first, bounded by limit", async () => {
    const id = externalId();
    await putProfile(id, { phone: "+447400900201", whatsapp: "+447400900201" });
    await call(postEventRoute, { body: { profileId: id, name: "page_viewed", timestamp: "2025-01-01T00:00:00Z" } });
    await call(postEventRoute, { body: { profileId: id, name: "order_placed", properties: { order_id: "A-9" } } });
    // Enrolment writes the run; its first send waits in the outbox for a worker.
    const detail = await call<ProfileDetail>(getProfileRoute, { params: { externalId: id } });
    const types = detail.body.timeline.map((e) => (e.type === "event" ? `event:${e.name}` : e.type));
    expect(types).toEqual(expect.arrayContaining(["event:order_placed", "event:page_viewed", "run", "message"]));
    expect(types.at(-1)).toBe("event:page_viewed");
    const message = detail.body.timeline.find((e) => e.type === "message");
    expect(message).toMatchObject({ channel: "whatsapp", journey: "order-confirmation", body: "Hi there, order A-9 is confirmed.", status: "pending" });
    const at = detail.body.timeline.map((e) => Date.parse(e.at));
    expect([...at].sort((a, b) => b - a)).toEqual(at);

    const bounded = await call<ProfileDetail>(getProfileRoute, { params: { externalId: id }, query: { limit: 2 } });
    expect(bounded.body.timeline).toHaveLength(2);
  });

  it("answers 404 for an unknown profile", async () => {
    expect((await call(getProfileRoute, { params: { externalId: "nobody-here" } })).status).toBe(404);
  });
});

describe("POST /events", () => {
  it("answers 202 with the runs it entered", async () => {
    const id = externalId();
    await putProfile(id, { phone: "+447400900300" });
    const answer = await call<EventResult>(postEventRoute, { body: { profileId: id, name: "order_placed", properties: { order_id: "B-1" } } });
    expect(answer.status).toBe(202);
    expect(answer.body.enrolled).toHaveLength(1);
    expect(answer.body.resumed).toEqual([]);
  });

  it("is one event for one idempotency key, with the same answer", async () => {
    const id = externalId();
    await putProfile(id, { phone: "+447400900301" });
    const body = { profileId: id, name: "order_placed", properties: { order_id: "C-1" }, idempotencyKey: `order-C-1-${id}` };
    const first = await call<EventResult>(postEventRoute, { body });
    const second = await call<EventResult>(postEventRoute, { body: { ...body, properties: { order_id: "C-1" } } });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body).toEqual(first.body);
    const profile = (await t.db.select().from(profiles).where(eq(profiles.externalId, id)))[0]!;
    expect(await t.db.select().from(events).where(eq(events.profileId, profile.id))).toHaveLength(1);
    expect(await t.db.select().from(messages).where(eq(messages.profileId, profile.id))).toHaveLength(1);
  });

  it("refuses the same key with another body with 409", async () => {
    const id = externalId();
    await putProfile(id, {});
    const key = `k-${id}`;
    await call(postEventRoute, { body: { profileId: id, name: "signup", idempotencyKey: key } });
    const conflict = await call<ApiErrorBody>(postEventRoute, { body: { profileId: id, name: "signup", properties: { plan: "pro" }, idempotencyKey: key } });
    expect([conflict.status, conflict.body.error.code]).toEqual([409, "CONFLICT"]);
  });

  it("answers 404 for an unknown profile", async () => {
    const answer = await call<ApiErrorBody>(postEventRoute, { body: { profileId: "ghost", name: "x" } });
    expect([answer.status, answer.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("POST /events/batch", () => {
  type BatchAnswer = { results: ({ index: number; ok: true; result: EventResult } | { index: number; ok: false; error: ApiErrorBody["error"] })[] };

  it("ingests each event on its own and reports each by index", async () => {
    const id = externalId();
    await putProfile(id, { phone: "+447400900400" });
    const answer = await call<BatchAnswer>(postEventsBatchRoute, {
      body: {
        events: [
          { profileId: id, name: "order_placed", properties: { order_id: "D-1" } },
          { profileId: id, name: "" },
          { profileId: "ghost", name: "x" },
          "not an event",
          { profileId: id, name: "page_viewed", idempotencyKey: `pv-${id}` },
          { profileId: id, name: "page_viewed", idempotencyKey: `pv-${id}` },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const results = answer.body.results;
    expect(results.map((r) => [r.index, r.ok ? "ok" : r.error.code])).toEqual([
      [0, "ok"],
      [1, "BAD_REQUEST"],
      [2, "NOT_FOUND"],
      [3, "BAD_REQUEST"],
      [4, "ok"],
      [5, "ok"],
    ]);
    const first = results[0]!;
    expect(first.ok && first.result.enrolled).toHaveLength(1);
    const invalid = results[1]!;
    expect(!invalid.ok && invalid.error.issues?.[0]?.path).toEqual(["name"]);
    expect(results[5]).toEqual({ ...results[4], index: 5 });
    const profile = (await t.db.select().from(profiles).where(eq(profiles.externalId, id)))[0]!;
    expect((await t.db.select().from(events).where(eq(events.profileId, profile.id))).map((e) => e.name).sort()).toEqual(["order_placed", "page_viewed"]);
  });

  it.each([
    ["an empty batch", []],
    ["more than 1000 events", Array.from({ length: 1001 }, () => ({ profileId: "x", name: "y" }))],
  ])("refuses %s", async (_name, list) => {
    const answer = await call<ApiErrorBody>(postEventsBatchRoute, { body: { events: list } });
    expect([answer.status, answer.body.error.issues?.[0]?.path]).toEqual([400, ["events"]]);
  });
});
