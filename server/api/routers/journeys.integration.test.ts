import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample, makeContact, makeSendingWorkspace } from "@/db/test/engine-harness";
import { callerFor, makeMember } from "@/db/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { ingestEvent } from "@/server/engine/ingest-event";
import { TEMPLATES } from "@/server/journey/templates";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function setup() {
  const ws = await makeSendingWorkspace(t.db);
  const marketer = await makeMember(t.db, ws.id, "marketer");
  const analyst = await makeMember(t.db, ws.id, "analyst");
  return { ws, marketer: callerFor(t.db, marketer, ws.id).caller, analyst: callerFor(t.db, analyst, ws.id).caller };
}

describe("journeys router", () => {
  it("creates journeys blank, from every template and by import, with free keys", async () => {
    const { marketer } = await setup();
    const blank = await marketer.journeys.create({ kind: "blank", name: "Welcome series", purpose: "marketing" });
    expect(blank.key).toBe("welcome-series");
    expect(blank.errors).toEqual([]);
    const again = await marketer.journeys.create({ kind: "blank", name: "Welcome series", purpose: "marketing" });
    expect(again.key).toBe("welcome-series-2");
    for (const template of TEMPLATES) {
      const created = await marketer.journeys.create({ kind: "template", templateKey: template.key });
      expect(created.errors, template.key).toEqual([]);
    }
    const imported = await marketer.journeys.create({ kind: "import", document: loadExample("otp-then-whatsapp") });
    expect(imported.key).toBe("signup-otp");
    await expect(marketer.journeys.create({ kind: "import", document: { format: "nope" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(marketer.journeys.create({ kind: "import", document: loadExample("otp-then-whatsapp") })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const list = await marketer.journeys.list();
    expect(list.length).toBe(2 + TEMPLATES.length + 1);
  });

  it("refuses a save against a stale revision, and overwrites only when forced", async () => {
    const { marketer } = await setup();
    const j = await marketer.journeys.create({ kind: "template", templateKey: "order-confirmation" });
    const first = await marketer.journeys.save({ id: j.id, baseRevision: j.revision, document: { ...j.document, name: "Tab A" } });
    expect(first.revision).toBe(j.revision + 1);
    const stale = marketer.journeys.save({ id: j.id, baseRevision: j.revision, document: { ...j.document, name: "Tab B" } });
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await marketer.journeys.get({ id: j.id })).name).toBe("Tab A");
    const forced = await marketer.journeys.save({ id: j.id, baseRevision: j.revision, document: { ...j.document, name: "Tab B" }, force: true });
    expect(forced.name).toBe("Tab B");
    await expect(marketer.journeys.save({ id: j.id, baseRevision: forced.revision, document: { ...j.document, key: "other" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("lets analysts read but not edit or publish", async () => {
    const { marketer, analyst } = await setup();
    const j = await marketer.journeys.create({ kind: "template", templateKey: "order-confirmation" });
    expect((await analyst.journeys.get({ id: j.id })).key).toBe(j.key);
    await expect(analyst.journeys.save({ id: j.id, baseRevision: j.revision, document: j.document })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(analyst.journeys.publish({ id: j.id, inFlight: "finish" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(analyst.journeys.create({ kind: "blank", name: "x", purpose: "marketing" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("previews and publishes versions, keeps old ones readable, and pauses", async () => {
    const { marketer } = await setup();
    const j = await marketer.journeys.create({ kind: "import", document: loadExample("order-confirmation-whatsapp-sms-fallback") });
    const preview = await marketer.journeys.publishPreview({ id: j.id });
    expect(preview).toMatchObject({ nextVersion: 1, errors: [], inFlightRuns: 0 });
    expect((await marketer.journeys.publish({ id: j.id, inFlight: "finish" })).version).toBe(1);
    const edited = { ...j.document, nodes: j.document.nodes.map((n) => (n.id === "sms" ? { ...n, label: "SMS backup" } : n)) };
    const saved = await marketer.journeys.save({ id: j.id, baseRevision: (await marketer.journeys.get({ id: j.id })).revision, document: edited });
    const second = await marketer.journeys.publishPreview({ id: j.id });
    expect(second.changes).toEqual([{ kind: "changed", what: "Node send “SMS backup”" }]);
    await marketer.journeys.publish({ id: j.id, inFlight: "finish" });
    const got = await marketer.journeys.get({ id: j.id });
    expect([got.status, got.liveVersion, got.versions.map((v) => v.version)]).toEqual(["live", 2, [2, 1]]);
    const v1 = await marketer.journeys.getVersion({ id: j.id, version: 1 });
    expect(v1.nodes.find((n) => n.id === "sms")?.label).toBe("SMS safety net");
    expect(saved.revision).toBeGreaterThan(j.revision);
    await marketer.journeys.setPaused({ id: j.id, paused: true });
    expect((await marketer.journeys.get({ id: j.id })).status).toBe("paused");
    await expect(marketer.journeys.setPaused({ id: j.id, paused: true })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses to publish a broken draft, naming the node", async () => {
    const { marketer } = await setup();
    const j = await marketer.journeys.create({ kind: "blank", name: "Broken", purpose: "transactional" });
    const broken = { ...j.document, edges: [] };
    await marketer.journeys.save({ id: j.id, baseRevision: j.revision, document: broken });
    const preview = await marketer.journeys.publishPreview({ id: j.id });
    expect(preview.errors.some((e) => e.nodeId === "end")).toBe(true);
    await expect(marketer.journeys.publish({ id: j.id, inFlight: "finish" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("simulates the draft with the workspace's rules and counts live stats per node", async () => {
    const { ws, marketer } = await setup();
    const j = await marketer.journeys.create({ kind: "import", document: loadExample("order-confirmation-whatsapp-sms-fallback") });
    const sim = await marketer.journeys.simulate({
      id: j.id,
      input: {
        profile: { id: "sim-1", phone: "+447400123456", whatsapp: "+447400123456", timezone: "Europe/London" },
        events: [{ afterSeconds: 0, name: "order_placed", properties: { order_id: "X1" } }],
        outcomes: [{ nodeId: "wa", outcome: "undelivered", afterSeconds: 10 }],
      },
    });
    expect(sim.path).toEqual(["placed", "wa", "sms", "done"]);
    expect(sim.taken).toContainEqual({ nodeId: "wa", output: "fallback" });

    await marketer.journeys.publish({ id: j.id, inFlight: "finish" });
    const p = await makeContact(t.db, ws.id);
    await ingestEvent(t.db, ws.id, { profileId: p.externalId, name: "order_placed", properties: { order_id: "Y" } });
    const stats = await marketer.journeys.stats({ id: j.id });
    expect(stats.placed).toMatchObject({ entered: 1 });
    expect(stats.wa).toMatchObject({ entered: 1, sent: 0, fallbackTaken: 0 });
    const sample = await marketer.journeys.sampleData();
    expect(sample.profiles.length).toBeGreaterThan(0);
    expect(sample.attributeNames).toContain("first_name");
  });

  it("duplicates, renames, archives and restores", async () => {
    const { marketer } = await setup();
    const j = await marketer.journeys.create({ kind: "template", templateKey: "shipment-updates" });
    const copy = await marketer.journeys.duplicate({ id: j.id });
    expect(copy.key).toBe(`${j.key}-copy`);
    await marketer.journeys.rename({ id: copy.id, name: "Parcels v2" });
    expect((await marketer.journeys.get({ id: copy.id })).document.name).toBe("Parcels v2");
    expect(await marketer.journeys.setArchived({ id: copy.id, archived: true })).toEqual({ status: "archived" });
    await expect(marketer.journeys.publish({ id: copy.id, inFlight: "finish" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await marketer.journeys.setArchived({ id: copy.id, archived: false })).toEqual({ status: "draft" });
  });
});
