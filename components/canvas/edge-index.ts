/**
 * Facts about a journey's edges that many node cards ask for at once, computed once per edges
 * array (edits replace the array; drags do not touch it) instead of once per card.
 */
import type { JourneyEdge } from "@/server/journey/schema";

const fallbackCache = new WeakMap<readonly JourneyEdge[], ReadonlySet<string>>();

/** Ids of nodes whose `fallback` output has an edge. */
export function fallbackSources(edges: readonly JourneyEdge[]): ReadonlySet<string> {
  let found = fallbackCache.get(edges);
  if (!found) {
    found = new Set(edges.filter((e) => e.sourceHandle === "fallback").map((e) => e.source));
    fallbackCache.set(edges, found);
  }
  return found;
}
