import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { profiles } from "@/db/schema";

export const ListProfilesInputSchema = z.object({
  search: z.string().trim().max(200).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type ListProfilesInput = z.input<typeof ListProfilesInputSchema>;

/** One page of the workspace's profiles, searched by external id, email, phone or name. */
export async function listProfiles(db: Db, workspaceId: string, rawInput: ListProfilesInput) {
  const input = ListProfilesInputSchema.parse(rawInput);
  const filters: SQL[] = [eq(profiles.workspaceId, workspaceId)];
  if (input.search) {
    const like = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(
      or(
        ilike(profiles.externalId, like),
        ilike(profiles.email, like),
        ilike(profiles.phone, like),
        sql`(${profiles.attributes}->>'first_name') || ' ' || (${profiles.attributes}->>'last_name') ilike ${like}`,
      )!,
    );
  }
  const where = and(...filters);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(profiles)
      .where(where)
      .orderBy(asc(profiles.externalId))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(profiles).where(where),
  ]);
  return { rows, total: count?.n ?? 0, page: input.page, pageSize: input.pageSize };
}
