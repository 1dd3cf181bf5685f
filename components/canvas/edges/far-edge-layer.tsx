"use client";

/**
 * The edges zoomed far out, in one SVG under the nodes (see `far-edges.ts` for why). They are
 * pictures there: too thin to click, reconnect or focus; zooming in brings React Flow's edges
 * back with all of that.
 */
import { EdgeLabelRenderer, useStore, type ReactFlowState } from "@xyflow/react";
import { memo, useCallback, useMemo } from "react";
import type { JourneyFlowEdge } from "../flow-types";
import { createFarEdgeProjector, type FarEdge } from "./far-edges";

// Positioned with a fixed size and contained, the SVG is its own layout root: a moved path
// lays out this SVG, not the canvas around it.
const LAYER_STYLE = { position: "absolute", top: 0, left: 0, overflow: "visible", contain: "size layout", pointerEvents: "none" } as const;

const FarEdgeChunk = memo(function FarEdgeChunk({ edges }: { edges: readonly (FarEdge | undefined)[] }) {
  return edges.map((edge) => edge && <path key={edge.id} d={edge.d} fill="none" style={edge.style} />);
});

export const FarEdgeLayer = memo(function FarEdgeLayer({ edges }: { edges: readonly JourneyFlowEdge[] }) {
  const project = useMemo(() => createFarEdgeProjector(), []);
  const chunks = useStore(useCallback((s: ReactFlowState) => project(edges, s.nodeLookup), [project, edges]));
  return (
    // The edge label layer lies above React Flow's edges and below its nodes.
    <EdgeLabelRenderer>
      <svg width={1} height={1} style={LAYER_STYLE} aria-hidden="true" className="far-edges">
        {chunks.map((chunk, i) => (
          <FarEdgeChunk key={i} edges={chunk} />
        ))}
      </svg>
    </EdgeLabelRenderer>
  );
});
