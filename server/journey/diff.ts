/**
 * What changed between two versions of a journey, in words a marketer reads before publishing.
 */
import type { Journey } from "./schema";

export type JourneyChange = { kind: "added" | "removed" | "changed"; what: string };

const SETTINGS = ["name", "description", "purpose", "reentry", "quietHours", "exitOn", "goal"] as const;

export function diffJourneys(before: Journey | null, after: Journey): JourneyChange[] {
  if (!before) return [{ kind: "added", what: "First version" }];
  const changes: JourneyChange[] = [];
  for (const key of SETTINGS) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes.push({ kind: "changed", what: `Setting “${key}”` });
  }
  const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  for (const [id, node] of afterNodes) {
    const old = beforeNodes.get(id);
    const label = `${node.type} “${node.label ?? id}”`;
    if (!old) changes.push({ kind: "added", what: `Node ${label}` });
    else if (JSON.stringify({ ...old, position: null }) !== JSON.stringify({ ...node, position: null })) {
      changes.push({ kind: "changed", what: `Node ${label}` });
    }
  }
  for (const [id, node] of beforeNodes) {
    if (!afterNodes.has(id)) changes.push({ kind: "removed", what: `Node ${node.type} “${node.label ?? id}”` });
  }
  const edgeKey = (e: Journey["edges"][number]) => `${e.source}.${e.sourceHandle}→${e.target}`;
  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  for (const e of afterEdges) if (!beforeEdges.has(e)) changes.push({ kind: "added", what: `Connection ${e}` });
  for (const e of beforeEdges) if (!afterEdges.has(e)) changes.push({ kind: "removed", what: `Connection ${e}` });
  return changes;
}
