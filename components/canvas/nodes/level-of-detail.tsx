"use client";

/**
 * Far out, a node is drawn as a coloured box with its name. A 500-step journey fits the screen
 * only at about 0.15 zoom, where a card's text is two pixels high, yet every card would still
 * lay out, paint and subscribe to its badges, counts and path state on every drag frame.
 *
 * The canvas subscribes once to "is the zoom below the threshold", a boolean, and hands it to
 * the nodes through a context: zooming re-renders nodes only when it crosses the threshold, and
 * a drag frame runs one selector for it, not one per node. The box takes the size React Flow last
 * measured for the full card: the node keeps its size, so its edges keep their anchors and
 * auto-layout keeps the card's real size. The canvas also swaps React Flow's edges for one
 * drawn layer then (`edges/far-edge-layer.tsx`).
 */
import { Position, useStore, type NodeProps, type ReactFlowState } from "@xyflow/react";
import { createContext, memo, use, type ComponentType, type ReactNode } from "react";
import type { JourneyNode } from "@/server/journey/schema";
import { outputsOf } from "@/server/journey/outputs";
import { NODE_CATALOG } from "../node-catalog";
import { nodeAccessibleName } from "../node-names";
import type { JourneyFlowNode } from "../flow-types";
import { useRemeasureOnNewHandles, type OutputSpec } from "./node-shell";

/** Below this zoom a card's 13 px title is under 6 px on screen: the compact box takes over. */
export const COMPACT_BELOW_ZOOM = 0.45;

/**
 * Where an edge meets the compact box: the markup React Flow measures a handle by (its
 * classes and data attributes), without `<Handle>`, whose store subscription would run for
 * every handle of every node on each drag frame. Hidden but laid out, so it paints nothing
 * (no paint chunk for the browser to layerize each frame) and still has a place. Connecting
 * starts from the full card, zoomed in.
 */
function HandleAnchor({ type, position, handle }: { type: "source" | "target"; position: Position; handle?: string }) {
  return (
    <span
      className={`react-flow__handle react-flow__handle-${position} ${type} invisible h-3 w-3`}
      data-handleid={handle ?? null}
      data-handlepos={position}
      aria-hidden="true"
    />
  );
}


function CompactNode({ id, type, data, selected, width, height }: NodeProps<JourneyFlowNode>) {
  const info = NODE_CATALOG[type];
  // Only `type`, `label` and `config` are read; the node's id and position do not name it.
  const node = { id, type, position: { x: 0, y: 0 }, ...data } as JourneyNode;
  const name = nodeAccessibleName(node);
  const outputs = outputsOf(node);
  const bottom: OutputSpec[] = outputs.filter((o) => o !== "fallback").map((handle) => ({ handle }));
  useRemeasureOnNewHandles(bottom);
  return (
    <div
      className={`relative flex items-center rounded-lg border-2 border-t-8 bg-white px-3 ${info.accent} ${
        selected ? "border-x-brand-500 border-b-brand-500 ring-4 ring-brand-500" : "border-x-slate-300 border-b-slate-300"
      } ${width && height ? "" : "min-h-20 w-60"}`}
      style={width && height ? { width, height } : undefined}
    >
      {type !== "trigger" && <HandleAnchor type="target" position={Position.Top} />}
      <span className="text-2xl leading-tight font-semibold break-words text-slate-900">{name}</span>
      <div className="absolute inset-x-0 bottom-0 flex justify-around">
        {bottom.map(({ handle }) => (
          <div key={handle} className="relative h-0">
            <HandleAnchor type="source" position={Position.Bottom} handle={handle} />
          </div>
        ))}
      </div>
      {outputs.includes("fallback") && <HandleAnchor type="source" position={Position.Right} handle="fallback" />}
    </div>
  );
}

const CompactContext = createContext(false);

/** Whether the canvas is zoomed out past the threshold; edges drop their labels and arrowheads. */
export function useCompact(): boolean {
  return use(CompactContext);
}

/**
 * Whether the canvas is zoomed out past the threshold, for the canvas itself (inside React
 * Flow's provider). Until React Flow has set up its viewport (its store says zoom 1 until
 * then), the zoom the canvas opens at decides.
 */
export function useFarOut(openingZoom: number): boolean {
  return useStore((s: ReactFlowState) => (s.panZoom ? s.transform[2] : openingZoom) < COMPACT_BELOW_ZOOM);
}

/** Around the React Flow canvas: tells every node whether to be compact (`useFarOut()`). */
export function LevelOfDetailProvider({ compact, children }: { compact: boolean; children: ReactNode }) {
  return <CompactContext value={compact}>{children}</CompactContext>;
}

/** The node type's card, or the compact box when zoomed far out. */
export function withLevelOfDetail<P extends NodeProps<JourneyFlowNode>>(Card: ComponentType<P>) {
  return memo(function LevelOfDetail(props: P) {
    const compact = useCompact();
    return compact ? <CompactNode {...props} /> : <Card {...props} />;
  });
}
