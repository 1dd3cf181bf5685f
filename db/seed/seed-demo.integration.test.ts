import { eq, sql } from "drizzle-orm";
import { isValidPhoneNumber } from "libphonenumber-js/max";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { consents, journeys, profiles, senderIds, users } from "@/db/schema";
import { checkCredentials } from "@/server/auth/sign-in";
import { JourneySchema } from "@/server/journey/schema";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "./seed-demo";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("seedDemo", () => {
  it("creates the demo workspace once, and a second run changes nothing", async () => {
    const first = await seedDemo(t.db);
    expect(first.created).toBe(true);
    const count = async () =>
      (await t.db.execute<{ n: number }>(sql`select (select count(*) from profiles) + (select count(*) from users) + (select count(*) from consents) + (select count(*) from journeys) as n`))[0]!.n;
    const before = Number(await count());
    const second = await seedDemo(t.db);
    expect(second).toEqual({ workspaceId: first.workspaceId, created: false });
    expect(Number(await count())).toBe(before);
  });

  it("seeds the three demo users with the documented password", async () => {
    const { workspaceId } = await seedDemo(t.db);
    expect(workspaceId).toBeTruthy();
    for (const u of DEMO_USERS) {
      const result = await checkCredentials(t.db, { email: u.email, password: DEMO_PASSWORD, ip: "127.0.0.1" });
      expect(result.ok, u.email).toBe(true);
    }
    expect((await t.db.select().from(users)).length).toBe(3);
  });

  it("seeds ~200 realistic profiles across countries and zones, with mixed consents", async () => {
    const { workspaceId } = await seedDemo(t.db);
    const rows = await t.db.select().from(profiles).where(eq(profiles.workspaceId, workspaceId));
    expect(rows.length).toBe(200);
    expect(rows.every((p) => p.phone && /^\+[1-9]\d{6,14}$/.test(p.phone) && isValidPhoneNumber(p.phone))).toBe(true);
    expect(new Set(rows.map((p) => p.country)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(rows.map((p) => p.timezone).filter(Boolean)).size).toBeGreaterThanOrEqual(8);
    expect(rows.some((p) => p.timezone === null)).toBe(true);
    const consentRows = await t.db.select().from(consents);
    expect(new Set(consentRows.map((c) => `${c.channel}:${c.status}`)).size).toBeGreaterThanOrEqual(4);
    const senders = await t.db.select().from(senderIds);
    expect(senders.some((s) => s.status === "approved" && s.countries.includes("*"))).toBe(true);
  });

  it("stores demo journeys as drafts that the journey model parses", async () => {
    await seedDemo(t.db);
    const drafts = await t.db.select().from(journeys);
    expect(drafts.length).toBeGreaterThanOrEqual(3);
    for (const j of drafts) {
      expect(j.status).toBe("draft");
      expect(JourneySchema.parse(j.draft).key).toBe(j.key);
    }
  });
});
