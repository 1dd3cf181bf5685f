/**
 * The sandbox's receipts against real Postgres, with no worker: delivery is called at chosen
 * moments (or its loop run) and each receipt must be reported when due, once, with its effect.
 */
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageReceipts, messages, sandboxMessages } from "@/db/schema";
import { makeContact, makeSendingWorkspace, publishDocument, smsJourney } from "@/db/test/engine-harness";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { dispatchMessages } from "@/server/engine/dispatch-message";
import { ingestEvent } from "@/server/engine/ingest-event";
import { createProviderRegistry } from "../registry";
import { DEFAULT_DELIVERY_MS } from "./receipt-plan";
import { deliverDueReceipts, startSandboxReceiptLoop } from "./sandbox-receipts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** `count` SMS sent through the sandbox now; their message rows. */
async function sentSms(key: string, count: number) {
  const ws = await makeSendingWorkspace(t.db);
  await publishDocument(t.db, ws.id, smsJourney(key));
  const people = await Promise.all(Array.from({ length: count }, () => makeContact(t.db, ws.id)));
  const runIds = (await Promise.all(people.map((p) => ingestEvent(t.db, ws.id, { profileId: p.externalId, name: key })))).flatMap((r) => r.enrolled);
  const pending = await t.db.select().from(messages).where(inArray(messages.runId, runIds));
  const sentAt = Date.now();
  expect(await dispatchMessages(t.db, createProviderRegistry(t.db), pending.map((m) => ({ messageId: m.id })))).toEqual(pending.map(() => "sent"));
  const sent = await t.db.select().from(messages).where(inArray(messages.runId, runIds));
  return { sent, sentAt };
}

async function receiptsOf(providerMessageIds: readonly string[]) {
  return t.db.select().from(messageReceipts).where(inArray(messageReceipts.providerMessageId, [...providerMessageIds]));
}

describe("the sandbox's receipts", () => {
  it("are reported once each is due, once, with the message moved on", async () => {
    const { sent, sentAt } = await sentSms("rcpt-due", 3);
    const ids = sent.map((m) => m.providerMessageId!);

    expect(await deliverDueReceipts(t.db, new Date(sentAt + DEFAULT_DELIVERY_MS - 200))).toBe(0);
    expect(await receiptsOf(ids)).toEqual([]);

    const later = new Date(sentAt + DEFAULT_DELIVERY_MS + 1_000);
    expect(await deliverDueReceipts(t.db, later)).toBeGreaterThanOrEqual(3);
    expect(await deliverDueReceipts(t.db, later)).toBe(0);
    expect((await receiptsOf(ids)).map((r) => r.status)).toEqual(["delivered", "delivered", "delivered"]);
    const moved = await t.db.select().from(messages).where(inArray(messages.providerMessageId, ids));
    expect(moved.map((m) => m.status)).toEqual(["delivered", "delivered", "delivered"]);
    const rows = await t.db.select().from(sandboxMessages).where(inArray(sandboxMessages.id, ids));
    expect(rows.map((r) => [r.pendingReceipts, r.nextReceiptAt])).toEqual(rows.map(() => [[], null]));
  });

  it("are reported by the receipt loop once due, with no job", async () => {
    const { sent, sentAt } = await sentSms("rcpt-loop", 2);
    const ids = sent.map((m) => m.providerMessageId!);
    const loop = startSandboxReceiptLoop(t.db, { pollMs: 20 });
    try {
      while ((await receiptsOf(ids)).length < 2 && Date.now() < sentAt + 10_000) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await loop.stop();
    }
    const reportedBy = Date.now();
    const reported = await receiptsOf(ids);
    expect(reported.map((r) => r.status)).toEqual(["delivered", "delivered"]);
    // Not before they were due.
    expect(reportedBy).toBeGreaterThanOrEqual(sentAt + DEFAULT_DELIVERY_MS);
  });

  it("are reported once by deliveries running at the same time", async () => {
    const { sent, sentAt } = await sentSms("rcpt-race", 20);
    const ids = sent.map((m) => m.providerMessageId!);
    const later = new Date(sentAt + DEFAULT_DELIVERY_MS + 1_000);

    await Promise.all([deliverDueReceipts(t.db, later), deliverDueReceipts(t.db, later), deliverDueReceipts(t.db, later)]);

    const reported = await receiptsOf(ids);
    expect(reported).toHaveLength(20);
    expect(new Set(reported.map((r) => r.providerMessageId)).size).toBe(20);
  });
});
