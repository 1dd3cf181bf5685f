/**
 * The real engine against a test database: a worker pool with every task, the sandbox
 * provider, and helpers to set up a workspace, publish journeys and wait for runs.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { messages, runs, senderIds } from "@/db/schema";
import { startEngineRuntime, type EngineRuntime } from "@/server/engine/engine-runtime";
import type { JourneyInput } from "@/server/journey/schema";
import { createJourney } from "@/server/journeys/drafts";
import { publishJourney } from "@/server/journeys/publish-journey";
import { latestRunSteps } from "@/server/runs/run-steps";
import { parseJourney } from "@/server/journey/schema";
import { upsertProfile, type ProfileInput } from "@/server/profiles/upsert-profile";
import { makeWorkspace } from "./fixtures";
import type { TestDatabase } from "./test-database";

export async function startEngine(t: TestDatabase, concurrency = 4): Promise<EngineRuntime> {
  return startEngineRuntime({ connectionString: t.url, db: t.db, concurrency });
}

/** A workspace like the demo one: an approved sandbox sender valid everywhere. */
export async function makeSendingWorkspace(db: Db) {
  const ws = await makeWorkspace(db);
  await db.insert(senderIds).values({ workspaceId: ws.id, value: "+15005550006", kind: "long_code", countries: ["*"], status: "approved" });
  return ws;
}

export function loadExample(name: string): JourneyInput {
  const file = path.resolve("server/journey/__fixtures__/examples", `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as JourneyInput;
}

export async function publishDocument(db: Db, workspaceId: string, doc: JourneyInput) {
  const created = await createJourney(db, workspaceId, parseJourney(doc), null);
  await publishJourney(db, workspaceId, created.id, null);
  return created;
}

/** An IANA zone where it is now early afternoon, so quiet hours never get in a test's way. */
export function daytimeZone(now = new Date()): string {
  const offset = 14 - now.getUTCHours(); // local hour ≈ 14
  const wrapped = ((offset + 12 + 24) % 24) - 12;
  // Etc/GMT signs are inverted: Etc/GMT-3 is UTC+3.
  return wrapped === 0 ? "Etc/UTC" : `Etc/GMT${wrapped > 0 ? "-" : "+"}${Math.abs(wrapped)}`;
}

let counter = 0;
/** A UK mobile number unique within the test run. */
export function uniquePhone(): string {
  counter++;
  const n = (parseInt(randomBytes(2).toString("hex"), 16) * 100 + counter) % 1_000_000;
  return `+4474009${String(n).padStart(5, "0").slice(-5)}`;
}

export async function makeContact(db: Db, workspaceId: string, extra: ProfileInput = {}) {
  const phone = uniquePhone();
  return upsertProfile(db, workspaceId, `p_${randomBytes(5).toString("hex")}`, {
    phone,
    whatsapp: phone,
    email: `${randomBytes(5).toString("hex")}@example.com`,
    timezone: daytimeZone(),
    country: "GB",
    attributes: { first_name: "Sam" },
    ...extra,
  });
}

export async function waitForRun(db: Db, runId: string, statuses = ["completed", "exited"], timeout = 30_000) {
  await expect
    .poll(async () => (await db.select({ status: runs.status }).from(runs).where(eq(runs.id, runId)))[0]?.status, { timeout, interval: 100 })
    .toSatisfy((s: string | undefined) => s !== undefined && statuses.includes(s));
  const [run] = await db.select().from(runs).where(eq(runs.id, runId));
  return run!;
}

export async function messagesOf(db: Db, runId: string) {
  return db.select().from(messages).where(eq(messages.runId, runId)).orderBy(asc(messages.createdAt));
}

/** Every step of the run, oldest first. */
export async function stepsOf(db: Db, runId: string) {
  return latestRunSteps(db, runId, Number.MAX_SAFE_INTEGER);
}

export async function waitForMessageStatus(db: Db, runId: string, nodeId: string, status: string, timeout = 15_000) {
  await expect
    .poll(
      async () =>
        (await db.select({ status: messages.status }).from(messages).where(and(eq(messages.runId, runId), eq(messages.nodeId, nodeId))))[0]
          ?.status,
      { timeout, interval: 100 },
    )
    .toBe(status);
}

type SmsJourneyOptions = {
  purpose?: "marketing" | "transactional";
  /** A fallback email after the SMS, so a failed or suppressed SMS visibly takes `fallback`. */
  fallback?: boolean;
  exitOn?: string;
  awaitDelivered?: boolean;
};

/** Entered on the event named `key` (re-entry always): one SMS, then the end (or an email on `fallback`). */
export function smsJourney(key: string, options: SmsJourneyOptions = {}): JourneyInput {
  const { purpose = "transactional", fallback = false, exitOn, awaitDelivered = false } = options;
  return {
    format: "switchboard.journey/v1",
    key,
    name: key,
    purpose,
    reentry: "always",
    ...(exitOn ? { exitOn: [{ event: exitOn }] } : {}),
    nodes: [
      { id: "start", type: "trigger", position: { x: 0, y: 0 }, config: { kind: "event", event: key } },
      {
        id: "sms",
        type: "send",
        position: { x: 0, y: 140 },
        config: {
          channel: "sms",
          content: { body: "Hello {{ profile.first_name }}. Reply STOP to opt out." },
          ...(awaitDelivered ? { await: { outcome: "delivered", within: { days: 1 } } } : {}),
        },
      },
      { id: "end", type: "exit", position: { x: 0, y: 420 }, config: {} },
      ...(fallback ? [{ id: "mail", type: "send", position: { x: 260, y: 280 }, config: { channel: "email", content: { subject: "Hi", text: "Hi" } } } as const] : []),
    ],
    edges: [
      { id: "e1", source: "start", sourceHandle: "next", target: "sms" },
      { id: "e2", source: "sms", sourceHandle: "next", target: "end" },
      ...(fallback
        ? [
            { id: "e3", source: "sms", sourceHandle: "fallback", target: "mail" },
            { id: "e4", source: "mail", sourceHandle: "next", target: "end" },
          ]
        : []),
    ],
  };
}
