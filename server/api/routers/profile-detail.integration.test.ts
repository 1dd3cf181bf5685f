import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consents, inboundMessages, journeyVersions, messages, runs, runTimeline } from "@/db/schema";
import { loadExample, publishDocument } from "@/db/test/engine-harness";
import { callerFor, makeMember, makeProfile, makeWorkspace } from "@/db/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { TIMELINE_LIMITS, type TimelineMessage, type TimelineRun } from "@/server/profiles/profile-timeline";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const at = (iso: string) => new Date(iso);

/** A workspace with the win-back journey published (its SMS node labelled) and one profile. */
async function setup() {
  const ws = await makeWorkspace(t.db);
  const doc = loadExample("winback-marketing");
  doc.nodes = doc.nodes.map((n) => (n.id === "sms" ? { ...n, label: "SMS offer" } : n));
  const journey = await publishDocument(t.db, ws.id, doc);
  const [version] = await t.db.select().from(journeyVersions).where(eq(journeyVersions.journeyId, journey.id));
  const profile = await makeProfile(t.db, ws.id, {
    externalId: "cust/42",
    phone: "+33612345678",
    email: "ada@example.com",
    timezone: "Europe/Paris",
    country: "FR",
    attributes: { first_name: "Ada", tier: "gold" },
  });
  return { ws, journey, version: version!, profile };
}

describe("profileDetail.get", () => {
  it("shows consents, and a newest-first timeline of messages with reasons in words and runs with their steps", async () => {
    const { ws, journey, version, profile } = await setup();
    const [run] = await t.db
      .insert(runs)
      .values({
        workspaceId: ws.id,
        journeyId: journey.id,
        versionId: version.id,
        version: version.version,
        profileId: profile.id,
        status: "completed",
        state: {},
        enteredAt: at("2025-05-12T09:00:00Z"),
        endedAt: at("2025-05-13T19:00:00Z"),
      })
      .returning();
    await t.db.insert(runTimeline).values([
      { runId: run!.id, steps: [{ nodeId: "lapsed", kind: "entered" }], at: at("2025-05-12T09:00:00Z") },
      {
        runId: run!.id,
        steps: [
          { nodeId: "ab", kind: "took", output: "sms", detail: "bucket 0.21" },
          { nodeId: "sms", kind: "entered" },
        ],
        at: at("2025-05-13T08:00:00Z"),
      },
      { runId: run!.id, steps: [{ nodeId: "sms", kind: "suppressed", detail: "opted_out" }], at: at("2025-05-13T19:00:00Z") },
    ]);
    const base = { workspaceId: ws.id, profileId: profile.id, journeyId: journey.id, runId: run!.id, purpose: "marketing" as const };
    await t.db.insert(messages).values([
      {
        ...base,
        nodeId: "email",
        channel: "email",
        content: { subject: "We miss you, Ada", text: "Here is 15% off: SAVE15" },
        status: "delivered",
        statusHistory: [
          { status: "pending", at: "2025-05-12T09:00:00.000Z" },
          { status: "sent", at: "2025-05-12T09:00:01.000Z" },
          { status: "delivered", at: "2025-05-12T09:00:05.000Z" },
        ],
        idempotencyKey: `email-${run!.id}`,
        createdAt: at("2025-05-12T09:00:00Z"),
      },
      {
        ...base,
        nodeId: "sms",
        channel: "sms",
        content: { body: "ACME: 15% off with code SAVE15 this week. Reply STOP to opt out." },
        status: "suppressed",
        reason: "opted_out",
        statusHistory: [
          { status: "pending", at: "2025-05-13T18:59:00.000Z" },
          { status: "deferred", at: "2025-05-13T18:59:30.000Z", reason: "quiet_hours" },
          { status: "suppressed", at: "2025-05-13T19:00:00.000Z", reason: "opted_out" },
        ],
        idempotencyKey: `sms-${run!.id}`,
        createdAt: at("2025-05-13T18:59:00Z"),
      },
      {
        workspaceId: ws.id,
        profileId: profile.id,
        channel: "sms",
        purpose: "marketing",
        content: { body: "Flash sale tonight" },
        status: "deferred",
        reason: "quiet_hours",
        deferredUntil: at("2025-05-14T06:00:00Z"),
        statusHistory: [
          { status: "pending", at: "2025-05-13T21:30:00.000Z" },
          { status: "deferred", at: "2025-05-13T21:30:00.000Z", reason: "quiet_hours" },
        ],
        idempotencyKey: `adhoc-${profile.id}`,
        createdAt: at("2025-05-13T21:30:00Z"),
      },
    ]);
    await t.db.insert(consents).values([
      { workspaceId: ws.id, profileId: profile.id, channel: "sms", purpose: "marketing", status: "opted_in", source: "form", at: at("2025-01-01T00:00:00Z") },
      { workspaceId: ws.id, profileId: profile.id, channel: "sms", purpose: "marketing", status: "opted_out", source: "inbound:STOP", at: at("2025-05-13T12:00:00Z") },
      { workspaceId: ws.id, profileId: profile.id, channel: "email", purpose: "marketing", status: "opted_in", source: "form", at: at("2025-01-01T00:00:00Z") },
    ]);
    await t.db.insert(inboundMessages).values({
      workspaceId: ws.id,
      profileId: profile.id,
      channel: "sms",
      from: "+33612345678",
      text: "STOP",
      classification: "opt_out",
      receivedAt: at("2025-05-13T12:00:00Z"),
      reviewedAt: at("2025-05-13T12:00:00Z"),
    });

    const analyst = await makeMember(t.db, ws.id, "analyst");
    const detail = await callerFor(t.db, analyst, ws.id).caller.profileDetail.get({ externalId: "cust/42" });

    expect(detail.profile).toMatchObject({ id: "cust/42", phone: "+33612345678", attributes: { first_name: "Ada", tier: "gold" } });
    expect(detail.recipientZone).toEqual({ zone: "Europe/Paris", source: "profile" });
    expect(detail.consents.current).toEqual(
      expect.arrayContaining([
        { channel: "sms", purpose: "marketing", status: "opted_out" },
        { channel: "email", purpose: "marketing", status: "opted_in" },
      ]),
    );
    expect(detail.consents.current).toHaveLength(2);
    expect(detail.consents.log.map((c) => [c.channel, c.status, c.source])).toEqual([
      ["sms", "opted_out", "inbound:STOP"],
      ["email", "opted_in", "form"],
      ["sms", "opted_in", "form"],
    ]);

    expect(detail.timeline.map((i) => `${i.type}:${i.type === "message" ? i.status : i.type === "run" ? i.status : i.text}`)).toEqual([
      "message:deferred",
      "message:suppressed",
      "inbound:STOP",
      "message:delivered", // made the instant the run entered: listed above the run
      "run:completed",
    ]);
    const [deferred, suppressed, , email, journeyRun] = detail.timeline as [TimelineMessage, TimelineMessage, unknown, TimelineMessage, TimelineRun];
    expect(deferred).toMatchObject({
      journey: null,
      nodeLabel: null,
      statusText: "Deferred: Quiet hours in the recipient's time zone until 08:00 on 14 May 2025 (Europe/Paris)",
      deferredUntil: "2025-05-14T06:00:00.000Z",
    });
    expect(suppressed).toMatchObject({
      channel: "sms",
      journey: { key: "winback" },
      nodeId: "sms",
      nodeLabel: "SMS offer",
      body: "ACME: 15% off with code SAVE15 this week. Reply STOP to opt out.",
      status: "suppressed",
      reason: "opted_out",
      statusText: "Suppressed: The recipient opted out of this channel",
      deferredUntil: null,
    });
    expect(suppressed.history.map((h) => [h.status, h.reason, h.text])).toEqual([
      ["pending", null, "Pending"],
      ["deferred", "quiet_hours", "Deferred: Quiet hours in the recipient's time zone"],
      ["suppressed", "opted_out", "Suppressed: The recipient opted out of this channel"],
    ]);
    expect(email).toMatchObject({ subject: "We miss you, Ada", body: "Here is 15% off: SAVE15", nodeLabel: "email", statusText: "Delivered" });
    expect(journeyRun).toMatchObject({ journey: { key: "winback" }, version: version.version, status: "completed", stepsTruncated: false });
    expect(journeyRun.steps.map((s) => [s.nodeLabel, s.kind, s.output, s.detail])).toEqual([
      ["lapsed", "entered", null, null],
      ["ab", "took", "sms", "bucket 0.21"],
      ["SMS offer", "entered", null, null],
      ["SMS offer", "suppressed", null, "opted_out"],
    ]);
    expect(detail.truncated).toEqual({ messages: false, runs: false, inbound: false });
  });

  it("is empty for a new profile, and bounded for a busy one", async () => {
    const { ws, profile } = await setup();
    const marketer = await makeMember(t.db, ws.id, "marketer");
    const { caller } = callerFor(t.db, marketer, ws.id);
    const empty = await caller.profileDetail.get({ externalId: profile.externalId });
    expect(empty.timeline).toEqual([]);
    expect(empty.consents).toEqual({ current: [], log: [], logTruncated: false });

    const total = TIMELINE_LIMITS.messages + 3;
    await t.db.insert(messages).values(
      Array.from({ length: total }, (_, i) => ({
        workspaceId: ws.id,
        profileId: profile.id,
        channel: "push" as const,
        purpose: "transactional" as const,
        content: { title: `Note ${i}`, body: "x" },
        status: "sent",
        idempotencyKey: `bulk-${profile.id}-${i}`,
        createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)),
      })),
    );
    const busy = await caller.profileDetail.get({ externalId: profile.externalId });
    expect(busy.timeline).toHaveLength(TIMELINE_LIMITS.messages);
    expect(busy.truncated.messages).toBe(true);
    expect((busy.timeline[0] as TimelineMessage).body).toBe(`Note ${total - 1}\n\nx`);
  });

  it("is NOT_FOUND for an unknown profile or another workspace's, and UNAUTHORIZED signed out", async () => {
    const { profile } = await setup();
    const other = await makeWorkspace(t.db);
    const analyst = await makeMember(t.db, other.id, "analyst");
    const { caller } = callerFor(t.db, analyst, other.id);
    await expect(caller.profileDetail.get({ externalId: profile.externalId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.profileDetail.get({ externalId: "nobody" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, null).caller.profileDetail.get({ externalId: "x" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
