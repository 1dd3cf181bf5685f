/**
 * Journey drafts: created blank, from a template or by import; saved with optimistic
 * concurrency (a save names the revision it edited; a stale one is refused, never merged
 * silently); read back parsed, with their validation.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { journeys, journeyVersions } from "@/db/schema";
import { AppError } from "@/server/errors";
import { JourneySchema, type Journey } from "@/server/journey/schema";
import { validateJourney } from "@/server/journey/validate";

export type JourneyRow = typeof journeys.$inferSelect;

export function parseDocument(value: unknown): Journey {
  const parsed = JourneySchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("BAD_REQUEST", "This is not a valid switchboard.journey/v1 document.", { issues: parsed.error.issues });
  }
  return parsed.data;
}

export async function getJourneyRow(db: Executor, workspaceId: string, id: string): Promise<JourneyRow> {
  const [row] = await db.select().from(journeys).where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id)));
  if (!row) throw new AppError("NOT_FOUND", "No such journey in this workspace.");
  return row;
}

export async function getJourneyRowByKey(db: Executor, workspaceId: string, key: string): Promise<JourneyRow> {
  const [row] = await db.select().from(journeys).where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.key, key)));
  if (!row) throw new AppError("NOT_FOUND", `No journey "${key}" in this workspace.`);
  return row;
}

export function describeDraft(row: JourneyRow) {
  const document = JourneySchema.parse(row.draft);
  const { errors, warnings } = validateJourney(document);
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    status: row.status,
    purpose: row.purpose,
    revision: row.revision,
    liveVersion: row.liveVersion,
    updatedAt: row.updatedAt,
    document,
    errors,
    warnings,
  };
}

export async function createJourney(db: Executor, workspaceId: string, document: Journey, userId: string | null) {
  const inserted = await db
    .insert(journeys)
    .values({ workspaceId, key: document.key, name: document.name, purpose: document.purpose, draft: document, updatedBy: userId })
    .onConflictDoNothing()
    .returning();
  if (!inserted[0]) throw new AppError("CONFLICT", `A journey with key "${document.key}" already exists in this workspace.`);
  return describeDraft(inserted[0]);
}

export async function saveDraft(
  db: Executor,
  workspaceId: string,
  input: { id: string; baseRevision: number; document: unknown; force?: boolean },
  userId: string | null,
) {
  const document = parseDocument(input.document);
  const current = await getJourneyRow(db, workspaceId, input.id);
  if (document.key !== current.key) throw new AppError("BAD_REQUEST", `The key of a journey cannot change (it is "${current.key}").`);
  if (current.status === "archived") throw new AppError("CONFLICT", "This journey is archived; restore it before editing.");
  const revisionMatch = input.force ? sql`true` : eq(journeys.revision, input.baseRevision);
  const [row] = await db
    .update(journeys)
    .set(draftUpdate(document, userId))
    .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, input.id), revisionMatch))
    .returning();
  if (!row) {
    throw new AppError("CONFLICT", "Someone saved this journey after you opened it. Reload to see their changes, or overwrite them.", {
      currentRevision: current.revision,
    });
  }
  return describeDraft(row);
}

/** The columns a new draft changes; the revision moves on so stale editors notice. */
function draftUpdate(document: Journey, userId: string | null) {
  return {
    draft: document,
    name: document.name,
    purpose: document.purpose,
    revision: sql`${journeys.revision} + 1`,
    updatedBy: userId,
    updatedAt: new Date(),
  };
}

/** `PUT /journeys/{key}`: import a document; the same key updates the draft. */
export async function importDraft(db: Executor, workspaceId: string, key: string, value: unknown, userId: string | null) {
  const document = parseDocument(value);
  if (document.key !== key) throw new AppError("BAD_REQUEST", `The document's key "${document.key}" does not match the URL's "${key}".`);
  const [row] = await db
    .insert(journeys)
    .values({ workspaceId, key, name: document.name, purpose: document.purpose, draft: document, updatedBy: userId })
    .onConflictDoUpdate({
      target: [journeys.workspaceId, journeys.key],
      set: draftUpdate(document, userId),
    })
    .returning();
  return describeDraft(row!);
}

/** The draft, or published version `version`. */
export async function getDocument(db: Executor, workspaceId: string, key: string, version?: number): Promise<Journey> {
  const row = await getJourneyRowByKey(db, workspaceId, key);
  if (version === undefined) return JourneySchema.parse(row.draft);
  const [v] = await db
    .select({ document: journeyVersions.document })
    .from(journeyVersions)
    .where(and(eq(journeyVersions.journeyId, row.id), eq(journeyVersions.version, version)));
  if (!v) throw new AppError("NOT_FOUND", `Journey "${key}" has no version ${version}.`);
  return JourneySchema.parse(v.document);
}
