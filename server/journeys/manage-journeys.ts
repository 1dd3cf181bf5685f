/**
 * Journey housekeeping for the list page: create (blank, from a template, by import), rename,
 * duplicate, archive and restore, versions, export.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { journeys, journeyVersions, users } from "@/db/schema";
import { AppError } from "@/server/errors";
import { JOURNEY_FORMAT, JourneyKeySchema, PurposeSchema, type Journey } from "@/server/journey/schema";
import { TEMPLATES } from "@/server/journey/templates";
import { createJourney, getJourneyRow, parseDocument } from "./drafts";

export const CreateJourneyInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("blank"), name: z.string().trim().min(1, "Give the journey a name").max(120), purpose: PurposeSchema }),
  z.object({ kind: z.literal("template"), templateKey: z.string(), name: z.string().trim().min(1).max(120).optional() }),
  z.object({ kind: z.literal("import"), document: z.unknown() }),
]);
export type CreateJourneyInput = z.infer<typeof CreateJourneyInputSchema>;

/** A blank journey: a trigger on an event and an exit, connected. */
export function blankJourney(key: string, name: string, purpose: Journey["purpose"]): Journey {
  return {
    format: JOURNEY_FORMAT,
    key,
    name,
    purpose,
    reentry: "after_exit",
    quietHours: "marketing",
    exitOn: [],
    nodes: [
      { id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { kind: "event", event: "signed_up" } },
      { id: "end", type: "exit", position: { x: 0, y: 280 }, config: {} },
    ],
    edges: [{ id: "e1", source: "trigger", sourceHandle: "next", target: "end" }],
  };
}

/** A key derived from a name that no journey of the workspace uses yet. */
export async function freeKey(db: Executor, workspaceId: string, base: string): Promise<string> {
  const stem =
    base
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 50) || "journey";
  const taken = new Set(
    (await db.select({ key: journeys.key }).from(journeys).where(and(eq(journeys.workspaceId, workspaceId), sql`${journeys.key} like ${stem + "%"}`))).map(
      (r) => r.key,
    ),
  );
  for (let i = 1; ; i++) {
    const key = i === 1 ? stem : `${stem}-${i}`;
    if (!taken.has(key) && JourneyKeySchema.safeParse(key).success) return key;
  }
}

export async function createFrom(db: Executor, workspaceId: string, input: CreateJourneyInput, userId: string | null) {
  switch (input.kind) {
    case "blank":
      return createJourney(db, workspaceId, blankJourney(await freeKey(db, workspaceId, input.name), input.name, input.purpose), userId);
    case "template": {
      const template = TEMPLATES.find((t) => t.key === input.templateKey);
      if (!template) throw new AppError("NOT_FOUND", `No template "${input.templateKey}".`);
      const name = input.name ?? template.document.name;
      const document = { ...structuredClone(template.document), name, key: await freeKey(db, workspaceId, template.key) };
      return createJourney(db, workspaceId, document, userId);
    }
    case "import":
      return createJourney(db, workspaceId, parseDocument(input.document), userId);
    default: {
      const _exhaustive: never = input;
      return _exhaustive;
    }
  }
}

export async function renameJourney(db: Executor, workspaceId: string, id: string, name: string, userId: string | null) {
  const row = await getJourneyRow(db, workspaceId, id);
  const draft = { ...(row.draft as Journey), name };
  await db
    .update(journeys)
    .set({ name, draft, revision: sql`${journeys.revision} + 1`, updatedBy: userId, updatedAt: new Date() })
    .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id)));
}

export async function duplicateJourney(db: Executor, workspaceId: string, id: string, userId: string | null) {
  const row = await getJourneyRow(db, workspaceId, id);
  const source = parseDocument(row.draft);
  const name = `${source.name} (copy)`.slice(0, 120);
  return createJourney(db, workspaceId, { ...source, name, key: await freeKey(db, workspaceId, `${source.key}-copy`) }, userId);
}

export async function setArchived(db: Executor, workspaceId: string, id: string, archived: boolean) {
  const row = await getJourneyRow(db, workspaceId, id);
  const status = archived ? "archived" : row.liveVersion ? "paused" : "draft";
  await db.update(journeys).set({ status }).where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id)));
  return { status };
}

export async function listVersions(db: Executor, workspaceId: string, journeyId: string) {
  return db
    .select({ version: journeyVersions.version, publishedAt: journeyVersions.publishedAt, publishedBy: users.name })
    .from(journeyVersions)
    .leftJoin(users, eq(users.id, journeyVersions.publishedBy))
    .where(and(eq(journeyVersions.workspaceId, workspaceId), eq(journeyVersions.journeyId, journeyId)))
    .orderBy(desc(journeyVersions.version));
}
