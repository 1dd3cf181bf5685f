/**
 * The consent log as admins see it: recent opt-outs across the workspace, and consent changes
 * recorded by hand for one profile (a phone call, a letter, a support ticket). The log stays
 * append-only; a change is a new record (see server/consent/record-consent.ts).
 */
import { and, count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { consents, profiles } from "@/db/schema";
import { recordConsent } from "@/server/consent/record-consent";
import { AppError } from "@/server/errors";
import { ChannelSchema, PurposeSchema, type Channel, type Purpose } from "@/server/journey/schema";
import { ExternalIdSchema, findProfileByExternalId } from "@/server/profiles/upsert-profile";

export const ListOptOutsInputSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

export type OptOutRow = {
  id: number;
  externalId: string;
  channel: Channel;
  purpose: Purpose;
  source: string;
  at: string;
};

export async function listOptOuts(
  db: Executor,
  workspaceId: string,
  input: z.input<typeof ListOptOutsInputSchema> = {},
): Promise<{ rows: OptOutRow[]; total: number; page: number; pageSize: number }> {
  const { page, pageSize } = ListOptOutsInputSchema.parse(input);
  const where = and(eq(consents.workspaceId, workspaceId), eq(consents.status, "opted_out"));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: consents.id,
        externalId: profiles.externalId,
        channel: consents.channel,
        purpose: consents.purpose,
        source: consents.source,
        at: consents.at,
      })
      .from(consents)
      .innerJoin(profiles, eq(profiles.id, consents.profileId))
      .where(where)
      .orderBy(desc(consents.at), desc(consents.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(consents).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, at: r.at.toISOString() })), total: total?.n ?? 0, page, pageSize };
}

export const AdminConsentInputSchema = z.object({
  externalId: ExternalIdSchema,
  channel: ChannelSchema,
  purpose: PurposeSchema,
  status: z.enum(["opted_in", "opted_out"]),
});
export type AdminConsentInput = z.infer<typeof AdminConsentInputSchema>;

export async function recordAdminConsent(db: Executor, workspaceId: string, input: AdminConsentInput) {
  const profile = await findProfileByExternalId(db, workspaceId, input.externalId);
  if (!profile) throw new AppError("NOT_FOUND", `No profile with external id "${input.externalId}" in this workspace.`);
  const row = await recordConsent(db, workspaceId, profile.id, {
    channel: input.channel,
    purpose: input.purpose,
    status: input.status,
    source: "admin",
  });
  return { id: row.id, externalId: profile.externalId, channel: row.channel, purpose: row.purpose, status: row.status, at: row.at.toISOString() };
}
