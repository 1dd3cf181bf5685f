/**
 * The benchmark's tenant: a workspace with an approved sender valid everywhere (like the demo
 * one), a pool of fresh profiles handed out once each (so every event enters its journey),
 * and the bench journeys published through the real publish path.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { senderIds, workspaces } from "@/db/schema";
import { parseJourney, type JourneyInput } from "@/server/journey/schema";
import { createJourney } from "@/server/journeys/drafts";
import { publishJourney } from "@/server/journeys/publish-journey";

export type BenchWorkspace = {
  workspaceId: string;
  /** The external id of a profile no phase has used yet. */
  nextProfile: () => string;
  /** Journey id by journey key. */
  journeyIds: Map<string, string>;
};

export async function makeBenchWorkspace(db: Db, profileCount: number, journeys: readonly JourneyInput[]): Promise<BenchWorkspace> {
  const [ws] = await db
    .insert(workspaces)
    .values({ name: "Bench", slug: `bench-${randomBytes(4).toString("hex")}` })
    .returning({ id: workspaces.id });
  const workspaceId = ws!.id;
  await db.insert(senderIds).values({ workspaceId, value: "+15005550006", kind: "long_code", countries: ["*"], status: "approved" });
  // Valid UK mobiles (+44 7400 nnnnnn); a third are gold so the branch takes both cases.
  await db.execute(sql`
    insert into profiles (workspace_id, external_id, phone, whatsapp, email, timezone, country, attributes)
    select ${workspaceId}, 'bench-' || i, '+447400' || lpad(i::text, 6, '0'), '+447400' || lpad(i::text, 6, '0'),
           'bench' || i || '@example.com', 'Etc/UTC', 'GB',
           jsonb_build_object('first_name', 'Sam', 'tier', case when i % 3 = 0 then 'gold' else 'basic' end)
    from generate_series(1, ${profileCount}) as i`);
  // Statistics as autovacuum would have them on a database in use, not as right after a bulk load.
  await db.execute(sql`analyze profiles`);

  const journeyIds = new Map<string, string>();
  for (const doc of journeys) {
    const created = await createJourney(db, workspaceId, parseJourney(doc), null);
    await publishJourney(db, workspaceId, created.id, null);
    journeyIds.set(doc.key, created.id);
  }

  let used = 0;
  return {
    workspaceId,
    journeyIds,
    nextProfile: () => {
      if (used >= profileCount) throw new Error(`the benchmark ran out of its ${profileCount} profiles`);
      used++;
      return `bench-${used}`;
    },
  };
}
