/**
 * Tidy a journey top-down with ELK's layered algorithm: the trigger on top, each step below the
 * step that leads to it, outputs kept in their drawn order (cases left to right) and fallbacks
 * leaving from the right, where the canvas draws the fallback handle.
 */
import ELK, { type ElkExtendedEdge, type ElkNode, type ElkPort } from "elkjs/lib/elk.bundled.js";
import { outputsOf } from "@/server/journey/outputs";
import type { Journey } from "@/server/journey/schema";
import type { XY } from "./journey-edits";

export type NodeSize = { width: number; height: number };

/** The size assumed for a node the canvas has not measured (tests, first render). */
export const DEFAULT_NODE_SIZE: NodeSize = { width: 240, height: 110 };

const LAYOUT_OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.spacing.nodeNode": "48",
  "elk.layered.spacing.nodeNodeBetweenLayers": "56",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
};

const inPort = (nodeId: string) => `${nodeId}\u0000in`;
const outPort = (nodeId: string, handle: string) => `${nodeId}\u0000out\u0000${handle}`;

export function layoutGraph(journey: Pick<Journey, "nodes" | "edges">, sizes: Readonly<Record<string, Partial<NodeSize>>> = {}): ElkNode {
  const outputs = new Map(journey.nodes.map((n) => [n.id, outputsOf(n)]));
  const triggers = new Set(journey.nodes.filter((n) => n.type === "trigger").map((n) => n.id));
  const children: ElkNode[] = journey.nodes.map((node) => {
    const size = sizes[node.id];
    const ports: ElkPort[] = (outputs.get(node.id) ?? []).map((handle) => ({
      id: outPort(node.id, handle),
      width: 1,
      height: 1,
      layoutOptions: { "elk.port.side": handle === "fallback" ? "EAST" : "SOUTH" },
    }));
    if (!triggers.has(node.id)) ports.unshift({ id: inPort(node.id), width: 1, height: 1, layoutOptions: { "elk.port.side": "NORTH" } });
    return {
      id: node.id,
      width: size?.width ?? DEFAULT_NODE_SIZE.width,
      height: size?.height ?? DEFAULT_NODE_SIZE.height,
      ports,
      layoutOptions: { "elk.portConstraints": "FIXED_ORDER" },
    };
  });
  const edges: ElkExtendedEdge[] = journey.edges
    .filter((e) => outputs.has(e.source) && outputs.has(e.target))
    .map((e) => ({
      id: e.id,
      // An edge on an output the node no longer has (an invalid draft) still pulls its nodes together.
      sources: [outputs.get(e.source)?.includes(e.sourceHandle) ? outPort(e.source, e.sourceHandle) : e.source],
      targets: [triggers.has(e.target) ? e.target : inPort(e.target)],
    }));
  return { id: "root", layoutOptions: LAYOUT_OPTIONS, children, edges };
}

/** New top-left positions for every node, keyed by node id. */
export async function autoLayout(
  journey: Pick<Journey, "nodes" | "edges">,
  sizes: Readonly<Record<string, Partial<NodeSize>>> = {},
): Promise<Record<string, XY>> {
  const laidOut = await new ELK().layout(layoutGraph(journey, sizes));
  const positions: Record<string, XY> = {};
  for (const child of laidOut.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}
