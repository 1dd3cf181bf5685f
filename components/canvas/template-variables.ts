/**
 * The variables the Liquid picker and condition fields offer: the profile's fields and
 * attributes, and the event properties this journey already reads or the sample events carry.
 */
import { templateFields } from "@/server/journey/content-rules";
import { PROFILE_FIELDS } from "@/server/journey/context";
import { templateVariables } from "@/server/journey/liquid";
import type { Condition, Journey, JourneyNode } from "@/server/journey/schema";

/** A profile's built-in fields, as `profile.*` reads them (attributes sit beside them). */
export function profileVariables(attributeNames: readonly string[]): string[] {
  return [...new Set(["id", ...PROFILE_FIELDS, ...attributeNames])].map((name) => `profile.${name}`);
}

function conditionFields(c: Condition | undefined, out: string[]): void {
  if (!c) return;
  if ("all" in c) c.all.forEach((x) => conditionFields(x, out));
  else if ("any" in c) c.any.forEach((x) => conditionFields(x, out));
  else if ("not" in c) conditionFields(c.not, out);
  else if ("field" in c) out.push(c.field);
}

function pathsOf(node: JourneyNode): string[] {
  const paths: string[] = templateFields(node).flatMap((field) => templateVariables(field.src));
  if (node.type === "trigger" && node.config.kind !== "api") conditionFields(node.config.where, paths);
  if (node.type === "wait" && node.config.mode === "until_date") paths.push(node.config.field);
  if (node.type === "wait" && node.config.mode === "until_event") conditionFields(node.config.where, paths);
  if (node.type === "branch") node.config.cases.forEach((c) => conditionFields(c.where, paths));
  return paths;
}

function flatten(prefix: string, value: unknown, out: string[], depth: number): void {
  out.push(prefix);
  if (depth === 0 || typeof value !== "object" || value === null || Array.isArray(value)) return;
  for (const [key, inner] of Object.entries(value)) flatten(`${prefix}.${key}`, inner, out, depth - 1);
}

/** `event.*` paths: read somewhere in the journey, or present on a sample event (two levels deep). */
export function eventVariables(journey: Pick<Journey, "nodes">, sampleEvents: readonly Record<string, unknown>[] = []): string[] {
  const found: string[] = journey.nodes.flatMap(pathsOf).filter((p) => p.startsWith("event."));
  for (const event of sampleEvents) for (const [key, value] of Object.entries(event)) flatten(`event.${key}`, value, found, 1);
  return [...new Set(found)].sort();
}
