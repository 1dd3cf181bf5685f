/**
 * Creates or updates a profile by its external id. Phone numbers are stored in E.164; a number
 * without a country code is read in the profile's country. Attributes merge into the existing
 * ones (a key set to null removes it), as CRMs expect from an upsert.
 */
import { and, eq, sql } from "drizzle-orm";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { profiles } from "@/db/schema";
import { AppError } from "@/server/errors";
import { isValidTimeZone } from "@/server/policy/timezone";

export const ExternalIdSchema = z.string().trim().min(1).max(200);

export const ProfileInputSchema = z.strictObject({
  phone: z.string().trim().min(1).max(40).nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  whatsapp: z.string().trim().min(1).max(40).nullable().optional(),
  timezone: z.string().refine(isValidTimeZone, "Use an IANA time zone such as Europe/Paris").nullable().optional(),
  locale: z.string().trim().min(2).max(35).nullable().optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "Use a two-letter ISO country code")
    .transform((c) => c.toUpperCase())
    .nullable()
    .optional(),
  attributes: z.record(z.string().min(1).max(100), z.unknown()).optional(),
});
export type ProfileInput = z.infer<typeof ProfileInputSchema>;

export function toE164(value: string, country?: string | null): string {
  const parsed = parsePhoneNumberFromString(value, (country ?? undefined) as CountryCode | undefined);
  if (!parsed || !parsed.isValid()) {
    throw new AppError("BAD_REQUEST", `"${value}" is not a valid phone number${country ? ` for ${country}` : " (use +<country code><number>)"}`);
  }
  return parsed.number;
}

export async function upsertProfile(db: Executor, workspaceId: string, externalId: string, input: ProfileInput) {
  const [existing] = await db
    .select()
    .from(profiles)
    .where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.externalId, externalId)));
  const country = input.country !== undefined ? input.country : (existing?.country ?? null);
  const normalise = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : toE164(v, country));
  const phone = normalise(input.phone);
  const whatsapp = normalise(input.whatsapp);
  const fields = {
    ...(phone !== undefined ? { phone } : {}),
    ...(whatsapp !== undefined ? { whatsapp } : {}),
    ...(input.email !== undefined ? { email: input.email?.toLowerCase() ?? null } : {}),
    ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    ...(input.country !== undefined ? { country: input.country } : {}),
  };
  const attributes = mergeAttributes(existing?.attributes ?? {}, input.attributes ?? {});
  const [row] = await db
    .insert(profiles)
    .values({ workspaceId, externalId, ...fields, attributes })
    .onConflictDoUpdate({
      target: [profiles.workspaceId, profiles.externalId],
      set: { ...fields, attributes, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

function mergeAttributes(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

export async function findProfileByExternalId(db: Executor, workspaceId: string, externalId: string) {
  const [row] = await db
    .select()
    .from(profiles)
    .where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.externalId, externalId)));
  return row ?? null;
}

export function missingProfileError(externalId: string): AppError {
  return new AppError("NOT_FOUND", `No profile "${externalId}" in this workspace: create it with PUT /api/v1/profiles/${externalId} first.`);
}

export async function requireProfile(db: Executor, workspaceId: string, externalId: string) {
  const row = await findProfileByExternalId(db, workspaceId, externalId);
  if (!row) throw missingProfileError(externalId);
  return row;
}

/** The profile an inbound message comes from, by phone or WhatsApp number. */
export async function findProfileByPhone(db: Executor, workspaceId: string, phone: string) {
  const [row] = await db
    .select()
    .from(profiles)
    .where(and(eq(profiles.workspaceId, workspaceId), sql`(${profiles.phone} = ${phone} or ${profiles.whatsapp} = ${phone})`))
    .limit(1);
  return row ?? null;
}
