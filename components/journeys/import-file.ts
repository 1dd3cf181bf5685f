/**
 * Reading a journey file picked for import: JSON, then the one journey schema, so a broken file
 * is explained before anything reaches the server (which parses it again).
 */
import { z } from "zod";
import { JourneySchema, type Journey } from "@/server/journey/schema";
import { formatProblem } from "./app-error-details";

export type ImportRead = { ok: true; document: Journey } | { ok: false; problems: string[] };

/** Files bigger than this are not journeys (the largest template is a few kB). */
export const MAX_IMPORT_BYTES = 2_000_000;

export function readJourneyFile(text: string): ImportRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`This file is not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = JourneySchema.safeParse(json);
  if (parsed.success) return { ok: true, document: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i: z.core.$ZodIssue) => formatProblem(i.path, i.message)) };
}

const MAX_KEY = 63;

/** `key-2`, `key-3`… : the first that no journey in `taken` uses, for importing a copy. */
export function copyKey(key: string, taken: ReadonlySet<string>): string {
  const stem = key.replace(/-\d+$/, "") || key;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = stem.slice(0, MAX_KEY - suffix.length).replace(/-+$/, "") + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
