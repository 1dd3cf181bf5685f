/**
 * Seeds the demo workspace on an empty database. Idempotent: a workspace with slug `demo`
 * means it already ran, and nothing is touched.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consents, journeys, memberships, profiles, senderIds, users, workspaces } from "@/db/schema";
import { hashPassword } from "@/server/auth/passwords";
import type { Role } from "@/server/auth/permissions";
import { TEMPLATES } from "@/server/journey/templates";
import { demoProfiles } from "./demo-people";

export const DEMO_PASSWORD = "switchboard-demo";
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.test", name: "Ada Admin", role: "admin" },
  { email: "marketer@demo.test", name: "Mira Marketer", role: "marketer" },
  { email: "analyst@demo.test", name: "Anil Analyst", role: "analyst" },
];
/** Journeys stored as drafts in the demo workspace, taken from the template gallery. */
const DEMO_JOURNEY_KEYS = ["order-confirmation", "appointment-reminder", "email-unopened-sms-reminder", "winback-quiet-hours"];

export async function seedDemo(db: Db): Promise<{ workspaceId: string; created: boolean }> {
  const [existing] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, "demo"));
  if (existing) return { workspaceId: existing.id, created: false };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [ws] = await tx.insert(workspaces).values({ name: "Demo", slug: "demo" }).returning({ id: workspaces.id });
    const workspaceId = ws!.id;
    for (const u of DEMO_USERS) {
      const [found] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${u.email}`);
      const userId =
        found?.id ?? (await tx.insert(users).values({ email: u.email, name: u.name, passwordHash }).returning({ id: users.id }))[0]!.id;
      await tx.insert(memberships).values({ userId, workspaceId, role: u.role });
    }

    const people = demoProfiles();
    const inserted = await tx
      .insert(profiles)
      .values(people.map(({ consents: _c, ...p }) => ({ ...p, workspaceId })))
      .returning({ id: profiles.id, externalId: profiles.externalId });
    const idByExternal = new Map(inserted.map((r) => [r.externalId, r.id]));
    const consentRows = people.flatMap((p) =>
      p.consents.map((c) => ({ ...c, workspaceId, profileId: idByExternal.get(p.externalId)!, source: "demo_import" })),
    );
    if (consentRows.length > 0) await tx.insert(consents).values(consentRows);

    // The sandbox sends nothing outside, so one approved sender serves every country.
    await tx.insert(senderIds).values([
      { workspaceId, value: "+15005550006", kind: "long_code", countries: ["*"], status: "approved" },
      { workspaceId, value: "ACME", kind: "alphanumeric", countries: ["GB", "FR", "DE", "ES", "AE", "IN", "AU"], status: "approved" },
    ]);

    for (const template of TEMPLATES.filter((t) => DEMO_JOURNEY_KEYS.includes(t.document.key))) {
      const doc = template.document;
      await tx.insert(journeys).values({ workspaceId, key: doc.key, name: doc.name, purpose: doc.purpose, draft: doc });
    }
    return { workspaceId, created: true };
  });
}
