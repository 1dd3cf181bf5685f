/**
 * Published versions are immutable, so each is read and parsed once per process.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { journeyVersions } from "@/db/schema";
import type { Condition, Journey } from "@/server/journey/schema";
import { JourneySchema } from "@/server/journey/schema";

export type LoadedVersion = {
  id: string;
  journeyId: string;
  workspaceId: string;
  version: number;
  journey: Journey;
  /** What the run context must load for this journey's conditions. */
  needs: { consents: boolean; engagement: boolean };
};

const cache = new Map<string, LoadedVersion>();

export async function loadVersion(db: Executor, versionId: string): Promise<LoadedVersion> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const [row] = await db.select().from(journeyVersions).where(eq(journeyVersions.id, versionId));
  if (!row) throw new Error(`journey version ${versionId} does not exist`);
  const journey = JourneySchema.parse(row.document);
  const loaded: LoadedVersion = {
    id: row.id,
    journeyId: row.journeyId,
    workspaceId: row.workspaceId,
    version: row.version,
    journey,
    needs: conditionNeeds(journey),
  };
  cache.set(versionId, loaded);
  return loaded;
}

/** Whether any condition of the journey reads consents or engagement. */
export function conditionNeeds(journey: Journey): LoadedVersion["needs"] {
  const needs = { consents: false, engagement: false };
  const visit = (c: Condition | undefined): void => {
    if (!c) return;
    if ("all" in c) c.all.forEach(visit);
    else if ("any" in c) c.any.forEach(visit);
    else if ("not" in c) visit(c.not);
    else if ("consent" in c) needs.consents = true;
    else if ("engagement" in c) needs.engagement = true;
  };
  for (const node of journey.nodes) {
    if (node.type === "branch") node.config.cases.forEach((k) => visit(k.where));
    if (node.type === "trigger" && "where" in node.config) visit(node.config.where);
    if (node.type === "wait" && node.config.mode === "until_event") visit(node.config.where);
  }
  journey.exitOn.forEach((e) => visit(e.where));
  visit(journey.goal?.where);
  return needs;
}
