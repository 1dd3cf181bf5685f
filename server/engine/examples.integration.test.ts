/**
 * The five example journeys, end to end: real Postgres, the real worker pool, the sandbox
 * provider scripted through the same service the API uses. Waits are shortened in these test
 * copies; everything else is as the examples are written.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consents, sandboxMessages } from "@/db/schema";
import {
  loadExample,
  makeContact,
  makeSendingWorkspace,
  messagesOf,
  publishDocument,
  startEngine,
  stepsOf,
  waitForMessageStatus,
  waitForRun,
} from "@/db/test/engine-harness";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { scriptSandboxOutcome } from "@/server/channels/sandbox/sandbox-provider";
import type { EngineRuntime } from "@/server/engine/engine-runtime";
import { splitVariant } from "@/server/journey/split";
import type { JourneyInput } from "@/server/journey/schema";
import { recordConsent } from "@/server/consent/record-consent";
import { handleInbound } from "./inbound";
import { ingestEvent } from "./ingest-event";

let t: TestDatabase;
let engine: EngineRuntime;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  engine = await startEngine(t);
  workspaceId = (await makeSendingWorkspace(t.db)).id;
  await publishDocument(t.db, workspaceId, shorten(loadExample("order-confirmation-whatsapp-sms-fallback"), { wa: { seconds: 3 } }));
  await publishDocument(t.db, workspaceId, loadExample("otp-then-whatsapp"));
  await publishDocument(t.db, workspaceId, shorten(loadExample("email-unopened-sms-reminder"), { email: { seconds: 3 } }));
  await publishDocument(t.db, workspaceId, shorten(loadExample("appointment-reminder"), { push: { seconds: 3 }, sms: { seconds: 20 } }));
  await publishDocument(t.db, workspaceId, winbackForTest());
});
afterAll(async () => {
  await engine.stop();
  await t.drop();
});

/** A copy of `doc` with the await windows of the named send nodes replaced. */
function shorten(doc: JourneyInput, within: Record<string, { seconds: number }>): JourneyInput {
  const copy = structuredClone(doc);
  for (const node of copy.nodes) {
    const w = within[node.id];
    if (w && node.type === "send" && node.config.await) node.config.await.within = w;
  }
  return copy;
}

/** Win-back with a 3-second open window and the 10:00 wait shortened to 1 second. */
function winbackForTest(): JourneyInput {
  const doc = shorten(loadExample("winback-marketing"), { email: { seconds: 3 } });
  const morning = doc.nodes.find((n) => n.id === "morning")!;
  morning.config = { mode: "duration", duration: { seconds: 1 } };
  return doc;
}

const event = (profileId: string, name: string, properties: Record<string, unknown> = {}) =>
  ingestEvent(t.db, workspaceId, { profileId, name, properties });

describe("order confirmation: WhatsApp first, SMS if not delivered", () => {
  it("sends exactly one SMS when WhatsApp is undelivered", async () => {
    const p = await makeContact(t.db, workspaceId);
    await scriptSandboxOutcome(t.db, workspaceId, { channel: "whatsapp", to: p.whatsapp!, outcome: "undelivered", afterMs: 200 });
    const { enrolled } = await event(p.externalId, "order_placed", { order_id: "A-1" });
    expect(enrolled).toHaveLength(1);
    const run = await waitForRun(t.db, enrolled[0]!);
    expect(run.status).toBe("completed");
    const sent = await messagesOf(t.db, run.id);
    expect(sent.map((m) => [m.nodeId, m.channel])).toEqual([
      ["wa", "whatsapp"],
      ["sms", "sms"],
    ]);
    expect(sent[0]!.status).toBe("undelivered");
    expect(sent[1]!.fallbackOf).toBe(sent[0]!.idempotencyKey);
    expect((sent[1]!.content as { body: string }).body).toBe("ACME: order A-1 confirmed. Track it in the app.");
    expect(sent[1]!.to).toBe(p.phone);
    expect(sent[1]!.from).toBe("+15005550006");
    const provider = await t.db.select().from(sandboxMessages).where(eq(sandboxMessages.to, p.phone!));
    expect(provider.map((m) => m.channel).sort()).toEqual(["sms", "whatsapp"]);
  });

  it("sends no SMS when WhatsApp is delivered, and records a late success after a fallback without re-sending", async () => {
    const delivered = await makeContact(t.db, workspaceId);
    await scriptSandboxOutcome(t.db, workspaceId, { channel: "whatsapp", to: delivered.whatsapp!, outcome: "delivered", afterMs: 100 });
    const first = await event(delivered.externalId, "order_placed", { order_id: "B-1" });
    const run = await waitForRun(t.db, first.enrolled[0]!);
    expect((await messagesOf(t.db, run.id)).map((m) => m.channel)).toEqual(["whatsapp"]);

    const late = await makeContact(t.db, workspaceId);
    await scriptSandboxOutcome(t.db, workspaceId, { channel: "whatsapp", to: late.whatsapp!, outcome: "delivered", afterMs: 5_000 });
    const second = await event(late.externalId, "order_placed", { order_id: "B-2" });
    await waitForRun(t.db, second.enrolled[0]!);
    await waitForMessageStatus(t.db, second.enrolled[0]!, "wa", "delivered");
    const lateSent = await messagesOf(t.db, second.enrolled[0]!);
    expect(lateSent.map((m) => m.channel)).toEqual(["whatsapp", "sms"]);
    await expect.poll(async () => (await stepsOf(t.db, second.enrolled[0]!)).map((s) => s.kind)).toContain("late_outcome");
  });
});

describe("sign-up OTP by SMS, then WhatsApp", () => {
  it("resumes the wait on phone_verified and takes the consented branch", async () => {
    const p = await makeContact(t.db, workspaceId);
    await recordConsent(t.db, workspaceId, p.id, { channel: "whatsapp", purpose: "marketing", status: "opted_in", source: "signup_form" });
    const { enrolled } = await event(p.externalId, "signup_started", { code: "482913" });
    const runId = enrolled[0]!;
    await waitForMessageStatus(t.db, runId, "otp", "delivered");
    const resumed = await event(p.externalId, "phone_verified");
    expect(resumed.resumed).toEqual([runId]);
    const run = await waitForRun(t.db, runId);
    expect(run.status).toBe("completed");
    const sent = await messagesOf(t.db, runId);
    expect(sent.map((m) => m.nodeId)).toEqual(["otp", "welcome"]);
    expect((sent[0]!.content as { body: string }).body).toBe("Your ACME code is 482913. It expires in 10 minutes.");
    expect((await stepsOf(t.db, runId)).some((s) => s.nodeId === "consented" && s.output === "whatsapp_ok")).toBe(true);
  });

  it("takes the email branch without WhatsApp consent", async () => {
    const p = await makeContact(t.db, workspaceId);
    const { enrolled } = await event(p.externalId, "signup_started", { code: "111111" });
    await waitForMessageStatus(t.db, enrolled[0]!, "otp", "delivered");
    await event(p.externalId, "phone_verified");
    await waitForRun(t.db, enrolled[0]!);
    expect((await messagesOf(t.db, enrolled[0]!)).map((m) => m.nodeId)).toEqual(["otp", "welcome_email"]);
  });
});

describe("invoice: email, SMS reminder if unopened", () => {
  it("sends the SMS when the email is delivered but never opened", async () => {
    const p = await makeContact(t.db, workspaceId);
    await scriptSandboxOutcome(t.db, workspaceId, { channel: "email", to: p.email!, outcome: "delivered", afterMs: 100 });
    const { enrolled } = await event(p.externalId, "invoice_issued", { invoice_id: "INV-7", amount: "£42.00", pay_url: "https://pay.example/7" });
    const run = await waitForRun(t.db, enrolled[0]!);
    const sent = await messagesOf(t.db, run.id);
    expect(sent.map((m) => [m.nodeId, m.status === "suppressed" ? "suppressed" : "dispatched"])).toEqual([
      ["email", "dispatched"],
      ["sms", "dispatched"],
    ]);
    // Delivered, so the SMS is a second message, not a replacement (caps count both).
    expect(sent[1]!.fallbackOf).toBeNull();
  });

  it("sends no SMS when the email is opened, and converts when the invoice is paid", async () => {
    const p = await makeContact(t.db, workspaceId);
    const { enrolled } = await event(p.externalId, "invoice_issued", { invoice_id: "INV-8", amount: "£10.00", pay_url: "https://pay.example/8" });
    const run = await waitForRun(t.db, enrolled[0]!);
    expect((await messagesOf(t.db, run.id)).map((m) => m.nodeId)).toEqual(["email"]);
    const paid = await event(p.externalId, "invoice_paid");
    expect(paid.resumed).toEqual([run.id]);
    await expect.poll(async () => (await waitForRun(t.db, run.id)).convertedAt).not.toBeNull();
  });
});

describe("appointment reminder: push, SMS if unread, reply to confirm", () => {
  it("falls back to SMS and completes when the patient replies", async () => {
    const p = await makeContact(t.db, workspaceId);
    await scriptSandboxOutcome(t.db, workspaceId, { channel: "push", to: p.externalId, outcome: "no_receipt" });
    const appointmentAt = new Date(Date.now() + 24 * 3600_000 + 1_000).toISOString();
    const { enrolled } = await event(p.externalId, "appointment_booked", { appointment_at: appointmentAt, clinic: "Elm St Clinic", time_local: "09:30" });
    const runId = enrolled[0]!;
    await waitForMessageStatus(t.db, runId, "sms", "delivered", 20_000);
    const reply = await handleInbound(t.db, workspaceId, { channel: "sms", from: p.phone!, text: "C" });
    expect(reply.kind).toBe("other");
    const run = await waitForRun(t.db, runId);
    expect(run.status).toBe("completed");
    const steps = await stepsOf(t.db, runId);
    expect(steps.some((s) => s.nodeId === "sms" && s.output === "next")).toBe(true);
    expect((await messagesOf(t.db, runId)).find((m) => m.nodeId === "sms")!.status).toBe("replied");
  });

  it("exits when the appointment is cancelled", async () => {
    const p = await makeContact(t.db, workspaceId);
    const appointmentAt = new Date(Date.now() + 48 * 3600_000).toISOString();
    const { enrolled } = await event(p.externalId, "appointment_booked", { appointment_at: appointmentAt, clinic: "X", time_local: "10:00" });
    await waitForRun(t.db, enrolled[0]!, ["waiting"]);
    const cancelled = await event(p.externalId, "appointment_cancelled");
    expect(cancelled.resumed).toEqual(enrolled);
    const run = await waitForRun(t.db, enrolled[0]!);
    expect([run.status, run.exitReason]).toEqual(["exited", "exit_on:appointment_cancelled"]);
    expect(await messagesOf(t.db, run.id)).toEqual([]);
  });
});

describe("win-back marketing", () => {
  async function smsVariantContact() {
    for (;;) {
      const p = await makeContact(t.db, workspaceId, { country: "GB" });
      const ab = loadExample("winback-marketing").nodes.find((n) => n.id === "ab")!;
      if (ab.type === "split" && splitVariant(p.externalId, "winback", ab) === "sms") return p;
    }
  }

  it("suppresses the marketing SMS with its reason after the customer replied STOP", async () => {
    const p = await smsVariantContact();
    for (const channel of ["email", "sms"] as const) {
      await recordConsent(t.db, workspaceId, p.id, { channel, purpose: "marketing", status: "opted_in", source: "checkout" });
    }
    await scriptSandboxOutcome(t.db, workspaceId, { channel: "email", to: p.email!, outcome: "delivered", afterMs: 100 });
    const stop = await handleInbound(t.db, workspaceId, { channel: "sms", from: p.phone!, text: " stop. " });
    expect(stop.kind).toBe("opt_out");
    const optOuts = await t.db
      .select()
      .from(consents)
      .where(and(eq(consents.profileId, p.id), eq(consents.status, "opted_out"), eq(consents.channel, "sms")));
    expect(optOuts.map((c) => c.purpose).sort()).toEqual(["marketing", "transactional"]);

    const { enrolled } = await event(p.externalId, "customer_lapsed", { coupon: "BACK15" });
    const run = await waitForRun(t.db, enrolled[0]!);
    const sms = (await messagesOf(t.db, run.id)).find((m) => m.nodeId === "sms")!;
    expect([sms.status, sms.reason]).toEqual(["suppressed", "opted_out"]);
    expect((await stepsOf(t.db, run.id)).some((s) => s.kind === "suppressed" && s.nodeId === "sms")).toBe(true);
    const provider = await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(sandboxMessages).where(eq(sandboxMessages.to, p.phone!));
    expect(provider[0]!.n).toBe(0);
  });

  it("does not enter profiles outside the trigger's countries", async () => {
    const p = await makeContact(t.db, workspaceId, { country: "DE" });
    const { enrolled } = await event(p.externalId, "customer_lapsed", { coupon: "X" });
    expect(enrolled).toEqual([]);
  });
});
