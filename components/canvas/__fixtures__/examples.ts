/**
 * The format's example journeys (copied from the spec's examples), parsed, for canvas tests.
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseJourney, type Journey } from "@/server/journey/schema";

const dir = fileURLToPath(new URL(".", import.meta.url));

export const EXAMPLES: ReadonlyArray<readonly [name: string, journey: Journey]> = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => [f, parseJourney(JSON.parse(readFileSync(`${dir}/${f}`, "utf8")))] as const);

export function example(name: string): Journey {
  const found = EXAMPLES.find(([file]) => file === `${name}.json`);
  if (!found) throw new Error(`No example ${name}`);
  return found[1];
}
