/**
 * Send policies as the engine applies them, on an injected clock: no worker runs here; the
 * test calls the dispatch step itself, at the instant it chooses.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journeys, journeyVersions, messages, senderIds } from "@/db/schema";
import { makeContact, makeSendingWorkspace, publishDocument, smsJourney, stepsOf } from "@/db/test/engine-harness";
import { makeWorkspace } from "@/db/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { createProviderRegistry } from "@/server/channels/registry";
import { recordConsent } from "@/server/consent/record-consent";
import { parseJourney } from "@/server/journey/schema";
import { createJourney } from "@/server/journeys/drafts";
import { publishJourney } from "@/server/journeys/publish-journey";
import { dispatchMessage } from "./dispatch-message";
import { ingestEvent } from "./ingest-event";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function messageOf(runId: string, nodeId = "sms") {
  const [m] = await t.db.select().from(messages).where(and(eq(messages.runId, runId), eq(messages.nodeId, nodeId)));
  return m!;
}

const providers = () => createProviderRegistry(t.db);

describe("quiet hours", () => {
  it("defers a marketing SMS sent at 23:30 in Paris to 08:00 the next morning, then sends it", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("promo-night", { purpose: "marketing" }));
    const p = await makeContact(t.db, ws.id, { timezone: "Europe/Paris", phone: "+33612345001", country: "FR" });
    await recordConsent(t.db, ws.id, p.id, { channel: "sms", purpose: "marketing", status: "opted_in", source: "test" });
    const night = new Date("2026-03-11T22:30:00Z"); // Wednesday 23:30 in Paris
    const { enrolled } = await ingestEvent(t.db, ws.id, { profileId: p.externalId, name: "promo-night" }, night);
    const pending = await messageOf(enrolled[0]!);

    expect(await dispatchMessage(t.db, providers(), pending.id, { now: night })).toBe("deferred");
    const deferred = await messageOf(enrolled[0]!);
    expect(deferred.status).toBe("deferred");
    expect(deferred.deferredUntil?.toISOString()).toBe("2026-03-12T07:00:00.000Z"); // 08:00 Paris
    expect(deferred.reason).toMatch(/quiet_hours|country_rule/);
    const [job] = await t.db.execute<{ run_at: Date }>(sql`select run_at from graphile_worker.jobs where key = ${`dispatch:${pending.idempotencyKey}`}`);
    expect(new Date(job!.run_at).toISOString()).toBe("2026-03-12T07:00:00.000Z");
    const steps = await stepsOf(t.db, enrolled[0]!);
    expect(steps.some((s) => s.kind === "deferred" && s.nodeId === "sms")).toBe(true);

    expect(await dispatchMessage(t.db, providers(), pending.id, { now: new Date("2026-03-12T07:00:00Z") })).toBe("sent");
    expect((await messageOf(enrolled[0]!)).status).toBe("sent");
  });

  it("lets an urgent transactional SMS through at night", async () => {
    const ws = await makeSendingWorkspace(t.db);
    const doc = smsJourney("otp-night", { purpose: "transactional" });
    const sms = doc.nodes.find((n) => n.id === "sms")!;
    if (sms.type === "send") sms.config.urgent = true;
    await publishDocument(t.db, ws.id, doc);
    const p = await makeContact(t.db, ws.id, { timezone: "Europe/Paris" });
    const night = new Date("2026-03-11T01:00:00Z");
    const { enrolled } = await ingestEvent(t.db, ws.id, { profileId: p.externalId, name: "otp-night" }, night);
    expect(await dispatchMessage(t.db, providers(), (await messageOf(enrolled[0]!)).id, { now: night })).toBe("sent");
  });
});

describe("frequency caps", () => {
  it("suppresses a second marketing SMS within 24 h and the run takes the fallback", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("promo-cap", { purpose: "marketing", fallback: true }));
    const p = await makeContact(t.db, ws.id);
    for (const channel of ["sms", "email"] as const) {
      await recordConsent(t.db, ws.id, p.id, { channel, purpose: "marketing", status: "opted_in", source: "test" });
    }
    const noon = new Date();
    const first = await ingestEvent(t.db, ws.id, { profileId: p.externalId, name: "promo-cap" }, noon);
    expect(await dispatchMessage(t.db, providers(), (await messageOf(first.enrolled[0]!)).id, { now: noon })).toBe("sent");

    const later = new Date(noon.getTime() + 3600_000);
    const second = await ingestEvent(t.db, ws.id, { profileId: p.externalId, name: "promo-cap" }, later);
    expect(await dispatchMessage(t.db, providers(), (await messageOf(second.enrolled[0]!)).id, { now: later })).toBe("suppressed");
    const capped = await messageOf(second.enrolled[0]!);
    expect([capped.status, capped.reason]).toEqual(["suppressed", "frequency_cap"]);
    const mail = await messageOf(second.enrolled[0]!, "mail");
    expect(mail.status).toBe("pending");
    const steps = await stepsOf(t.db, second.enrolled[0]!);
    expect(steps.some((s) => s.nodeId === "sms" && s.output === "fallback")).toBe(true);
  });
});

describe("sender IDs", () => {
  it("suppresses an SMS with no approved sender for the country, with reason no_sender_id", async () => {
    const ws = await makeWorkspace(t.db);
    await t.db.insert(senderIds).values({ workspaceId: ws.id, value: "ACME", kind: "alphanumeric", countries: ["GB"], status: "approved" });
    await t.db.insert(senderIds).values({ workspaceId: ws.id, value: "+15005550006", kind: "long_code", countries: ["*"], status: "pending" });
    await publishDocument(t.db, ws.id, smsJourney("tx-us", { purpose: "transactional" }));
    const p = await makeContact(t.db, ws.id, { phone: "+12125550123", country: "US", timezone: "America/New_York" });
    const { enrolled } = await ingestEvent(t.db, ws.id, { profileId: p.externalId, name: "tx-us" });
    expect(await dispatchMessage(t.db, providers(), (await messageOf(enrolled[0]!)).id)).toBe("suppressed");
    expect((await messageOf(enrolled[0]!)).reason).toBe("no_sender_id");

    const gb = await makeContact(t.db, ws.id);
    const second = await ingestEvent(t.db, ws.id, { profileId: gb.externalId, name: "tx-us" });
    expect(await dispatchMessage(t.db, providers(), (await messageOf(second.enrolled[0]!)).id)).toBe("sent");
    expect((await messageOf(second.enrolled[0]!)).from).toBe("ACME");
  });
});

describe("publishing", () => {
  it("refuses a broken journey with its errors and creates no version", async () => {
    const ws = await makeWorkspace(t.db);
    const broken = smsJourney("broken", { purpose: "transactional" });
    broken.edges = broken.edges.filter((e) => e.id !== "e1"); // the send is now unreachable
    const created = await createJourney(t.db, ws.id, parseJourney(broken), null);
    const error = await publishJourney(t.db, ws.id, created.id, null).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    const details = (error as { details: { errors: { nodeId?: string }[] } }).details;
    expect(details.errors.some((e) => e.nodeId === "sms")).toBe(true);
    expect(await t.db.select().from(journeyVersions).where(eq(journeyVersions.journeyId, created.id))).toEqual([]);
    expect((await t.db.select().from(journeys).where(eq(journeys.id, created.id)))[0]!.status).toBe("draft");
  });

  it("keeps in-flight runs on their version, or exits them when asked", async () => {
    const ws = await makeSendingWorkspace(t.db);
    const doc = smsJourney("versions", { purpose: "transactional" });
    doc.nodes[0] = { id: "start", type: "trigger", position: { x: 0, y: 0 }, config: { kind: "event", event: "versions" } };
    doc.nodes.push({ id: "hold", type: "wait", position: { x: 0, y: 70 }, config: { mode: "duration", duration: { days: 1 } } });
    doc.edges = doc.edges.map((e) => (e.id === "e1" ? { ...e, target: "hold" } : e));
    doc.edges.push({ id: "e9", source: "hold", sourceHandle: "next", target: "sms" });
    const created = await publishDocument(t.db, ws.id, doc);
    const p = await makeContact(t.db, ws.id);
    const { enrolled } = await ingestEvent(t.db, ws.id, { profileId: p.externalId, name: "versions" });

    const second = await publishJourney(t.db, ws.id, created.id, null, { inFlight: "finish" });
    expect(second).toMatchObject({ version: 2, exitedRuns: 0 });
    const third = await publishJourney(t.db, ws.id, created.id, null, { inFlight: "exit" });
    expect(third).toMatchObject({ version: 3, exitedRuns: 1 });
    const [job] = await t.db.execute<{ payload: { runId: string } }>(sql`
      select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
      where k.identifier = 'run_input'`);
    expect(job!.payload.runId).toBe(enrolled[0]);
  });
});

describe("events", () => {
  it("treats the same idempotency key as one event, and refuses it for another body", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("idem", { purpose: "transactional" }));
    const p = await makeContact(t.db, ws.id);
    const input = { profileId: p.externalId, name: "idem", properties: { a: 1, b: { c: 2 } }, idempotencyKey: "order-42" };
    const [x, y] = await Promise.all([ingestEvent(t.db, ws.id, input), ingestEvent(t.db, ws.id, { ...input, properties: { b: { c: 2 }, a: 1 } })]);
    expect(x).toEqual(y);
    expect(x.enrolled).toHaveLength(1);
    const runs = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from runs where profile_id = ${p.id}`);
    expect(runs[0]!.n).toBe(1);
    await expect(ingestEvent(t.db, ws.id, { ...input, properties: { a: 2 } })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses an event for an unknown profile and stores nothing", async () => {
    const ws = await makeWorkspace(t.db);
    await expect(ingestEvent(t.db, ws.id, { profileId: "nobody", name: "x", properties: {} })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const events = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from events where workspace_id = ${ws.id}`);
    expect(events[0]!.n).toBe(0);
  });

  it("applies re-entry rules: never, after_exit and always", async () => {
    const ws = await makeSendingWorkspace(t.db);
    for (const reentry of ["never", "after_exit", "always"] as const) {
      const doc = smsJourney(`re-${reentry.replace("_", "-")}`, { purpose: "transactional" });
      doc.reentry = reentry;
      await publishDocument(t.db, ws.id, doc);
    }
    const p = await makeContact(t.db, ws.id);
    const twice = async (name: string) => [
      (await ingestEvent(t.db, ws.id, { profileId: p.externalId, name })).enrolled.length,
      (await ingestEvent(t.db, ws.id, { profileId: p.externalId, name })).enrolled.length,
    ];
    expect(await twice("re-never")).toEqual([1, 0]);
    expect(await twice("re-after-exit")).toEqual([1, 0]); // the first run is still dispatching
    expect(await twice("re-always")).toEqual([1, 1]);
    const active = await t.db.execute<{ n: number }>(sql`
      select count(*)::int as n from runs r join journeys j on j.id = r.journey_id
      where j.key = 're-always' and r.status in ('active', 'waiting')`);
    expect(active[0]!.n).toBe(1);
  });
});
