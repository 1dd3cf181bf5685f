import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consents, inboundMessages, senderIds, workspaces } from "@/db/schema";
import { callerFor, makeMember, makeProfile, makeWorkspace } from "@/db/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { handleInbound } from "@/server/engine/inbound";
import { loadSendPolicy } from "@/server/engine/workspace-policy";
import { DEFAULT_HELP_TEXT } from "@/server/policy/send-policy";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function adminOf(workspaceId: string) {
  const user = await makeMember(t.db, workspaceId, "admin");
  return { user, caller: callerFor(t.db, user, workspaceId).caller };
}

/** The zod issues a rejected call carried, as "path: message". */
async function zodIssues(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: "BAD_REQUEST" });
  const issues = (error as { cause?: { issues?: { path: PropertyKey[]; message: string }[] } }).cause?.issues ?? [];
  return issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("admin routers refuse other roles", () => {
  it.each(["marketer", "analyst"] as const)("a %s gets FORBIDDEN from every compliance admin call", async (role) => {
    const ws = await makeWorkspace(t.db);
    const user = await makeMember(t.db, ws.id, role);
    const { caller } = callerFor(t.db, user, ws.id);
    const calls: (() => Promise<unknown>)[] = [
      () => caller.senderIds.list(),
      () => caller.senderIds.add({ value: "ACME", kind: "alphanumeric", countries: ["GB"] }),
      () => caller.sendPolicy.get(),
      () => caller.sendPolicy.save({ timezone: "Europe/Paris" }),
      () => caller.consent.optOuts({}),
      () => caller.consent.record({ externalId: "x", channel: "sms", purpose: "marketing", status: "opted_out" }),
      () => caller.inbound.awaitingReview({}),
      () => caller.inbound.resolve({ id: crypto.randomUUID(), decision: "not_opt_out" }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("senderIds", () => {
  it("adds a sender as pending, approves it, lists it and deletes it", async () => {
    const ws = await makeWorkspace(t.db);
    const { caller } = await adminOf(ws.id);
    const added = await caller.senderIds.add({ value: "ACME", kind: "alphanumeric", countries: ["gb", "FR"], purposes: ["marketing"] });
    expect(added).toMatchObject({ value: "ACME", kind: "alphanumeric", countries: ["GB", "FR"], purposes: ["marketing"], status: "pending" });
    const long = await caller.senderIds.add({ value: "+1 415 555 0123", kind: "long_code", countries: "*" });
    expect(long).toMatchObject({ value: "+14155550123", countries: "*", purposes: null });
    const [stored] = await t.db.select().from(senderIds).where(eq(senderIds.id, long.id));
    expect(stored?.countries).toEqual(["*"]);

    expect(await caller.senderIds.setStatus({ id: added.id, status: "approved" })).toMatchObject({ status: "approved" });
    expect((await caller.senderIds.list()).map((s) => [s.value, s.status])).toEqual([
      ["ACME", "approved"],
      ["+14155550123", "pending"],
    ]);

    await caller.senderIds.remove({ id: added.id });
    expect((await caller.senderIds.list()).map((s) => s.value)).toEqual(["+14155550123"]);
  });

  it.each([
    ["too long", { value: "ACMESHOPPING", kind: "alphanumeric" as const, countries: ["GB"] }, /^value: .*1–11 characters/],
    ["all digits", { value: "123456", kind: "alphanumeric" as const, countries: ["GB"] }, /^value: .*at least one letter/],
    ["not E.164", { value: "4155550123", kind: "long_code" as const, countries: ["US"] }, /^value: .*E\.164/],
    ["alphanumeric in the US", { value: "ACME", kind: "alphanumeric" as const, countries: ["GB", "US"] }, /^countries: Alphanumeric sender IDs are not supported in United States/],
    ["a made-up country", { value: "12345", kind: "short_code" as const, countries: ["QQ"] }, /^countries: "QQ" is not an ISO country code/],
  ])("refuses a sender ID that is %s, naming the field", async (_name, input, message) => {
    const ws = await makeWorkspace(t.db);
    const { caller } = await adminOf(ws.id);
    const issues = await zodIssues(caller.senderIds.add(input));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(message);
    expect(await caller.senderIds.list()).toEqual([]);
  });

  it("refuses the same sender twice", async () => {
    const ws = await makeWorkspace(t.db);
    const { caller } = await adminOf(ws.id);
    await caller.senderIds.add({ value: "12345", kind: "short_code", countries: ["US"] });
    await expect(caller.senderIds.add({ value: "12 345", kind: "short_code", countries: ["CA"] })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("cannot see, approve or delete another workspace's senders", async () => {
    const a = await makeWorkspace(t.db);
    const b = await makeWorkspace(t.db);
    const theirs = await (await adminOf(b.id)).caller.senderIds.add({ value: "BETA", kind: "alphanumeric", countries: ["GB"] });
    const { caller } = await adminOf(a.id);
    expect(await caller.senderIds.list()).toEqual([]);
    await expect(caller.senderIds.setStatus({ id: theirs.id, status: "approved" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.senderIds.remove({ id: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await t.db.select().from(senderIds).where(eq(senderIds.id, theirs.id));
    expect(row?.status).toBe("pending");
  });
});

describe("sendPolicy", () => {
  it("reads the defaults, saves a policy in canonical form, and the engine sees it at once", async () => {
    const ws = await makeWorkspace(t.db);
    const { caller } = await adminOf(ws.id);
    const before = await caller.sendPolicy.get();
    expect(before).toMatchObject({ timezone: "UTC", quietHours: { start: "21:00", end: "08:00" }, helpText: DEFAULT_HELP_TEXT });
    expect(await loadSendPolicy(t.db, ws.id)).toEqual(before); // now cached by the engine

    const saved = await caller.sendPolicy.save({
      timezone: "asia/calcutta",
      quietHours: { start: "20:00", end: "09:00" },
      caps: [{ channel: "any", purpose: "marketing", max: 2, windowHours: 48 }],
      helpText: "  ACME: reply STOP to opt out.  ",
    });
    expect(saved).toEqual({
      timezone: "Asia/Kolkata",
      quietHours: { start: "20:00", end: "09:00" },
      caps: [{ channel: "any", purpose: "marketing", max: 2, windowHours: 48 }],
      helpText: "ACME: reply STOP to opt out.",
    });
    expect(await caller.sendPolicy.get()).toEqual(saved);
    const [row] = await t.db.select({ policy: workspaces.sendPolicy }).from(workspaces).where(eq(workspaces.id, ws.id));
    expect(row?.policy).toEqual(saved);
    expect(await loadSendPolicy(t.db, ws.id)).toEqual(saved);
  });

  it.each([
    ["an unknown time zone", { timezone: "Mars/Olympus" }, /^timezone: Use an IANA time zone/],
    ["an offset instead of a zone", { timezone: "+02:00" }, /^timezone: Use an IANA time zone/],
    ["a quiet window time that is not HH:MM", { quietHours: { start: "9pm", end: "08:00" } }, /^quietHours\.start: Use HH:MM/],
    ["a cap of zero", { caps: [{ purpose: "marketing" as const, max: 0, windowHours: 24 }] }, /^caps\.0\.max: /],
    ["an empty help text", { helpText: "   " }, /^helpText: /],
  ])("refuses %s", async (_name, input, message) => {
    const ws = await makeWorkspace(t.db);
    const { caller } = await adminOf(ws.id);
    const issues = await zodIssues(caller.sendPolicy.save(input));
    expect(issues.some((i) => message.test(i))).toBe(true);
    expect((await caller.sendPolicy.get()).timezone).toBe("UTC");
  });
});

describe("inbound review", () => {
  async function setup() {
    const ws = await makeWorkspace(t.db);
    const profile = await makeProfile(t.db, ws.id, { externalId: "cust-1", phone: "+447400123456" });
    const { user, caller } = await adminOf(ws.id);
    return { ws, profile, user, caller };
  }

  it("lists only free-text revocations awaiting review, and keywords never", async () => {
    const { ws, caller } = await setup();
    await handleInbound(t.db, ws.id, { channel: "sms", from: "+447400123456", text: "STOP" });
    await handleInbound(t.db, ws.id, { channel: "sms", from: "+447400123456", text: "Thanks!" });
    const intent = await handleInbound(t.db, ws.id, { channel: "sms", from: "+447400123456", text: "please stop texting me" });
    const unknown = await handleInbound(t.db, ws.id, { channel: "sms", from: "+447400999999", text: "remove me from this list" });
    const pending = await caller.inbound.awaitingReview({});
    expect(pending.total).toBe(2);
    expect(pending.rows.map((r) => [r.id, r.text, r.from, r.profile?.externalId ?? null])).toEqual([
      [intent.inboundId, "please stop texting me", "+447400123456", "cust-1"],
      [unknown.inboundId, "remove me from this list", "+447400999999", null],
    ]);
  });

  it("'Record opt-out' appends opt-outs for both purposes of that channel and marks the reply reviewed", async () => {
    const { ws, profile, user, caller } = await setup();
    const received = new Date("2025-03-04T10:00:00Z");
    const intent = await handleInbound(t.db, ws.id, { channel: "whatsapp", from: "+447400123456", text: "no more messages please" }, received);
    // handleInbound matches WhatsApp senders by the phone columns too.
    expect(intent.kind).toBe("revocation_intent");
    expect(intent.profileId).toBe("cust-1");

    const result = await caller.inbound.resolve({ id: intent.inboundId, decision: "opt_out" });
    expect(result).toEqual({ id: intent.inboundId, decision: "opt_out", consentsRecorded: 2 });

    const log = await t.db.select().from(consents).where(eq(consents.profileId, profile.id));
    expect(log.map((c) => [c.channel, c.purpose, c.status, c.source, c.at.toISOString()]).sort()).toEqual([
      ["whatsapp", "marketing", "opted_out", `admin_review:${user.email}`, received.toISOString()],
      ["whatsapp", "transactional", "opted_out", `admin_review:${user.email}`, received.toISOString()],
    ]);
    const [row] = await t.db.select().from(inboundMessages).where(eq(inboundMessages.id, intent.inboundId));
    expect(row?.reviewedAt).toBeInstanceOf(Date);
    expect(row?.reviewedBy).toBe(user.id);
    expect((await caller.inbound.awaitingReview({})).total).toBe(0);

    await expect(caller.inbound.resolve({ id: intent.inboundId, decision: "opt_out" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await t.db.select().from(consents).where(eq(consents.profileId, profile.id))).toHaveLength(2);
  });

  it("'Not an opt-out' marks the reply reviewed and records nothing", async () => {
    const { ws, profile, user, caller } = await setup();
    const intent = await handleInbound(t.db, ws.id, { channel: "sms", from: "+447400123456", text: "I'll stop by at 3" });
    await caller.inbound.resolve({ id: intent.inboundId, decision: "not_opt_out" });
    expect(await t.db.select().from(consents).where(eq(consents.profileId, profile.id))).toEqual([]);
    const [row] = await t.db.select().from(inboundMessages).where(eq(inboundMessages.id, intent.inboundId));
    expect(row?.reviewedBy).toBe(user.id);
  });

  it("cannot record an opt-out for a reply that matched no profile", async () => {
    const { ws, caller } = await setup();
    const intent = await handleInbound(t.db, ws.id, { channel: "sms", from: "+447400555000", text: "stop texting me" });
    await expect(caller.inbound.resolve({ id: intent.inboundId, decision: "opt_out" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    const [row] = await t.db.select().from(inboundMessages).where(eq(inboundMessages.id, intent.inboundId));
    expect(row?.reviewedAt).toBeNull();
  });

  it("cannot see or resolve another workspace's replies", async () => {
    const { ws } = await setup();
    const intent = await handleInbound(t.db, ws.id, { channel: "sms", from: "+447400123456", text: "please stop texting me" });
    const other = await makeWorkspace(t.db);
    const { caller } = await adminOf(other.id);
    expect((await caller.inbound.awaitingReview({})).rows).toEqual([]);
    for (const decision of ["opt_out", "not_opt_out"] as const) {
      await expect(caller.inbound.resolve({ id: intent.inboundId, decision })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const [row] = await t.db.select().from(inboundMessages).where(eq(inboundMessages.id, intent.inboundId));
    expect(row?.reviewedAt).toBeNull();
  });
});

describe("consent", () => {
  it("records an admin consent change by external id and lists opt-outs newest first, paginated", async () => {
    const ws = await makeWorkspace(t.db);
    const { caller } = await adminOf(ws.id);
    const ada = await makeProfile(t.db, ws.id, { externalId: "ada" });
    await makeProfile(t.db, ws.id, { externalId: "bob" });
    const other = await makeWorkspace(t.db);
    const stranger = await makeProfile(t.db, other.id, { externalId: "ada" });
    await t.db.insert(consents).values([
      { workspaceId: ws.id, profileId: ada.id, channel: "email", purpose: "marketing", status: "opted_out", source: "import", at: new Date("2025-01-01T00:00:00Z") },
      { workspaceId: other.id, profileId: stranger.id, channel: "sms", purpose: "marketing", status: "opted_out", source: "inbound:STOP" },
    ]);

    const recorded = await caller.consent.record({ externalId: "bob", channel: "sms", purpose: "marketing", status: "opted_out" });
    expect(recorded).toMatchObject({ externalId: "bob", channel: "sms", purpose: "marketing", status: "opted_out" });
    await caller.consent.record({ externalId: "ada", channel: "push", purpose: "transactional", status: "opted_in" });

    const first = await caller.consent.optOuts({ pageSize: 1 });
    expect(first.total).toBe(2);
    expect(first.rows.map((r) => [r.externalId, r.channel, r.source])).toEqual([["bob", "sms", "admin"]]);
    const second = await caller.consent.optOuts({ page: 2, pageSize: 1 });
    expect(second.rows.map((r) => [r.externalId, r.channel, r.source])).toEqual([["ada", "email", "import"]]);
  });

  it("refuses an unknown external id and a bad channel", async () => {
    const ws = await makeWorkspace(t.db);
    const { caller } = await adminOf(ws.id);
    await expect(caller.consent.record({ externalId: "nobody", channel: "sms", purpose: "marketing", status: "opted_in" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const issues = await zodIssues(
      caller.consent.record({ externalId: "x", channel: "fax" as "sms", purpose: "marketing", status: "opted_in" }),
    );
    expect(issues[0]).toMatch(/^channel: /);
    expect(await t.db.select().from(consents).where(and(eq(consents.workspaceId, ws.id)))).toEqual([]);
  });
});
