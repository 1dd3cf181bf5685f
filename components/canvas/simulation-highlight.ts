/**
 * Which nodes and edges a simulated run went through, for lighting its path on the canvas.
 */
import type { Journey } from "@/server/journey/schema";

export type PathHighlight = { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };

export type TakenOutput = { nodeId: string; output: string };

/**
 * Visited nodes are lit, and so is the edge on every output the run took. A send's `fallback`
 * with no edge falls through to `next` (the interpreter's rule), so its `next` edge is lit then.
 */
export function highlightPath(journey: Pick<Journey, "nodes" | "edges">, visited: readonly string[], taken: readonly TakenOutput[]): PathHighlight {
  const sends = new Set(journey.nodes.filter((n) => n.type === "send").map((n) => n.id));
  const edgeOn = (nodeId: string, output: string) => journey.edges.find((e) => e.source === nodeId && e.sourceHandle === output);
  const edges = new Set<string>();
  for (const { nodeId, output } of taken) {
    const edge = edgeOn(nodeId, output) ?? (output === "fallback" && sends.has(nodeId) ? edgeOn(nodeId, "next") : undefined);
    if (edge) edges.add(edge.id);
  }
  return { nodes: new Set([...visited, ...taken.map((t) => t.nodeId)]), edges };
}
