/** What the editor's preview and simulator offer: a few real profiles and the attribute names in use. */
import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { profiles } from "@/db/schema";
import { toProfileView } from "@/server/journey/context";

export async function editorSampleData(db: Executor, workspaceId: string) {
  const [rows, keys] = await Promise.all([
    db.select().from(profiles).where(eq(profiles.workspaceId, workspaceId)).orderBy(asc(profiles.externalId)).limit(5),
    db.execute<{ key: string }>(
      sql`select distinct jsonb_object_keys(attributes) as key from (select attributes from profiles where workspace_id = ${workspaceId} limit 500) p order by 1 limit 200`,
    ),
  ]);
  return {
    profiles: rows.map((r) => ({ name: r.externalId, profile: toProfileView(r) })),
    attributeNames: keys.map((k) => k.key),
  };
}
