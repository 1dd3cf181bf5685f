/**
 * Far out (see `nodes/level-of-detail.tsx`), edges are drawn by one layer instead of one React
 * Flow edge each. React Flow gives every edge three store subscriptions, run on every store
 * update: on a 500-step journey that was ~1,700 selectors and ~580 sibling fibers per drag
 * frame, most of a frame's script time. The layer subscribes once and re-draws only the edges
 * whose ends moved.
 *
 * This is the pure half: geometry from React Flow's internal nodes (where it measured each
 * handle), memoised per edge and handed out in fixed-size chunks that keep their identity
 * while none of their edges changed, so a drag frame re-renders one or two chunks.
 */
import { getSmoothStepPath, Position, type InternalNode, type XYPosition } from "@xyflow/react";
import type { CSSProperties } from "react";
import type { JourneyFlowEdge } from "../flow-types";
import { edgeStroke } from "./edge-look";

export type FarEdge = { id: string; d: string; style: CSSProperties };

/** Small enough that a frame re-renders few paths; large enough that there are few chunks. */
export const FAR_EDGE_CHUNK = 32;

const BORDER_RADIUS = 12;

/** Where an edge meets a handle: the middle of the handle's outer side, as React Flow draws it. */
function handlePoint(node: InternalNode, kind: "source" | "target", handleId: string | null | undefined): (XYPosition & { position: Position }) | undefined {
  const bounds = node.internals.handleBounds?.[kind];
  const handle = (handleId ? bounds?.find((h) => h.id === handleId) : bounds?.[0]) ?? undefined;
  if (!handle) return undefined;
  const x = node.internals.positionAbsolute.x + handle.x;
  const y = node.internals.positionAbsolute.y + handle.y;
  switch (handle.position) {
    case Position.Top:
      return { x: x + handle.width / 2, y, position: handle.position };
    case Position.Bottom:
      return { x: x + handle.width / 2, y: y + handle.height, position: handle.position };
    case Position.Left:
      return { x, y: y + handle.height / 2, position: handle.position };
    case Position.Right:
      return { x: x + handle.width, y: y + handle.height / 2, position: handle.position };
    default: {
      const _exhaustive: never = handle.position;
      return _exhaustive;
    }
  }
}

/** The same look as the edge components zoomed far out: no arrowhead, no label. */
function farEdgeStyle(edge: JourneyFlowEdge): CSSProperties {
  const state = { path: edge.data?.path ?? "none", selected: edge.selected ?? false, hasError: edge.data?.hasError ?? false };
  return edge.type === "fallback"
    ? { ...edgeStroke({ color: "#f59e0b", width: 2 }, state), strokeDasharray: "6 4" }
    : edgeStroke({ color: "#94a3b8", width: 1.5 }, state);
}

/**
 * A memoised projection: flow edges + React Flow's node lookup → chunks of drawn edges, in the
 * order of `edges`. An edge is re-drawn when its flow edge or either end's internal node changed
 * (React Flow replaces an internal node when it moves or is re-measured). An edge whose ends are
 * missing or not measured yet is left out (`undefined` in its chunk), as React Flow leaves it out.
 */
export function createFarEdgeProjector(chunkSize = FAR_EDGE_CHUNK) {
  type Entry = { edge: JourneyFlowEdge; source: InternalNode | undefined; target: InternalNode | undefined; item: FarEdge | undefined };
  let entries: Entry[] = [];
  let lastEdges: readonly JourneyFlowEdge[] | undefined;
  let chunks: (FarEdge | undefined)[][] = [];

  // Runs on every React Flow store update (each drag frame): an unchanged edge costs two
  // lookups and three comparisons, and only the chunks holding a changed edge are re-made.
  return (edges: readonly JourneyFlowEdge[], nodeLookup: ReadonlyMap<string, InternalNode>): (FarEdge | undefined)[][] => {
    const fresh = edges !== lastEdges;
    const previous = fresh ? new Map(entries.map((e) => [e.edge.id, e])) : undefined;
    const next: Entry[] = fresh ? new Array<Entry>(edges.length) : entries;
    const dirty = new Set<number>();
    edges.forEach((edge, i) => {
      const source = nodeLookup.get(edge.source);
      const target = nodeLookup.get(edge.target);
      const hit = previous ? previous.get(edge.id) : entries[i];
      if (hit && hit.edge === edge && hit.source === source && hit.target === target) {
        next[i] = hit;
        return;
      }
      dirty.add(Math.floor(i / chunkSize));
      next[i] = { edge, source, target, item: draw(edge, source, target, hit) };
    });
    entries = next;
    lastEdges = edges;
    if (dirty.size === 0 && !fresh) return chunks;
    const made = fresh ? [] : [...chunks];
    for (let c = 0; c * chunkSize < edges.length; c++) {
      if (fresh || dirty.has(c)) made[c] = entries.slice(c * chunkSize, (c + 1) * chunkSize).map((e) => e.item);
    }
    chunks = made;
    return chunks;
  };
}

function draw(
  edge: JourneyFlowEdge,
  source: InternalNode | undefined,
  target: InternalNode | undefined,
  previous: { edge: JourneyFlowEdge; item: FarEdge | undefined } | undefined,
): FarEdge | undefined {
  const from = source && handlePoint(source, "source", edge.sourceHandle);
  const to = target && handlePoint(target, "target", edge.targetHandle);
  if (!from || !to) return undefined;
  const [d] = getSmoothStepPath({
    sourceX: from.x,
    sourceY: from.y,
    sourcePosition: from.position,
    targetX: to.x,
    targetY: to.y,
    targetPosition: to.position,
    borderRadius: BORDER_RADIUS,
  });
  const style = previous?.edge === edge && previous.item ? previous.item.style : farEdgeStyle(edge);
  return { id: edge.id, d, style };
}
