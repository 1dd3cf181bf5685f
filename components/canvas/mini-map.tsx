"use client";

/**
 * The canvas's minimap: React Flow's `<MiniMap pannable zoomable>` look (its classes, so its
 * stylesheet draws it) and behaviour (drag in it to pan the view, wheel in it to zoom), with one
 * store subscription instead of one per node (see `mini-map-shapes.ts` for why).
 */
import { Panel, useStore, type ReactFlowState } from "@xyflow/react";
import { memo, useCallback, useEffect, useId, useMemo, useRef, type PointerEvent } from "react";
import { shallow } from "zustand/shallow";
import type { NodeType } from "@/server/journey/schema";
import { createMiniMapProjector, miniMapView, type MiniMapRect } from "./mini-map-shapes";

const SIZE = { width: 160, height: 110 };
const PANEL_STYLE = { ...SIZE };
// Pointer moves in the minimap pan the view, never the page.
const SVG_STYLE = { touchAction: "none" } as const;
/** React Flow's minimap default. */
const NODE_RADIUS = 5;
const NODE_COLORS: Record<NodeType, string> = {
  trigger: "#8b5cf6",
  wait: "#0ea5e9",
  send: "#2f6fed",
  branch: "#d946ef",
  split: "#14b8a6",
  update_profile: "#84cc16",
  webhook: "#64748b",
  exit: "#f43f5e",
};
const NODE_FILLS: ReadonlyMap<string | undefined, { fill: string }> = new Map(Object.entries(NODE_COLORS).map(([type, fill]) => [type, { fill }]));
// As React Flow's minimap: crisp in Chromium, where anti-aliased edges blur small boxes.
const SHAPE_RENDERING = typeof window === "undefined" || "chrome" in window ? "crispEdges" : "geometricPrecision";

const MiniMapChunk = memo(function MiniMapChunk({ rects }: { rects: readonly (MiniMapRect | undefined)[] }) {
  return rects.map(
    (r) =>
      r && (
        <rect
          key={r.id}
          className={r.selected ? "react-flow__minimap-node selected" : "react-flow__minimap-node"}
          x={r.x}
          y={r.y}
          rx={NODE_RADIUS}
          ry={NODE_RADIUS}
          width={r.width}
          height={r.height}
          style={NODE_FILLS.get(r.type)}
          shapeRendering={SHAPE_RENDERING}
        />
      ),
  );
});

const isMac = () => typeof navigator !== "undefined" && navigator.userAgent.includes("Mac");

export const MiniMap = memo(function MiniMap({ ariaLabel }: { ariaLabel: string }) {
  const project = useMemo(() => createMiniMapProjector(), []);
  const { shapes, transform, width, height, panZoom, translateExtent } = useStore(
    useCallback(
      (s: ReactFlowState) => ({
        shapes: project(s.nodeLookup),
        transform: s.transform,
        width: s.width,
        height: s.height,
        panZoom: s.panZoom,
        translateExtent: s.translateExtent,
      }),
      [project],
    ),
    shallow,
  );
  const view = miniMapView(shapes.bounds, transform, { width, height }, SIZE);
  const titleId = useId();

  // The handlers read the latest view through a ref: they outlive the render that made them.
  const latest = useRef({ transform, width, height, panZoom, translateExtent, viewScale: view.viewScale });
  useEffect(() => {
    latest.current = { transform, width, height, panZoom, translateExtent, viewScale: view.viewScale };
  });

  // Dragging in the minimap moves the view by as much as the pointer moves over the minimap.
  const pan = useRef<{ pointerId: number; x: number; y: number } | undefined>(undefined);
  const onPointerDown = useCallback((e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0 || e.ctrlKey) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    pan.current = { pointerId: e.pointerId, x: e.clientX, y: e.clientY };
  }, []);
  const onPointerMove = useCallback((e: PointerEvent<SVGSVGElement>) => {
    const start = pan.current;
    const { transform: [tx, ty, zoom], width: w, height: h, panZoom: pz, translateExtent: extent, viewScale } = latest.current;
    if (!start || start.pointerId !== e.pointerId || !pz) return;
    pan.current = { ...start, x: e.clientX, y: e.clientY };
    const moveScale = viewScale * Math.max(zoom, Math.log(zoom));
    void pz.setViewportConstrained(
      { x: tx - (e.clientX - start.x) * moveScale, y: ty - (e.clientY - start.y) * moveScale, zoom },
      [
        [0, 0],
        [w, h],
      ],
      extent,
    );
  }, []);
  const onPointerUp = useCallback((e: PointerEvent<SVGSVGElement>) => {
    if (pan.current?.pointerId === e.pointerId) pan.current = undefined;
  }, []);

  // Wheeling over the minimap zooms the view (and must not scroll the page: not passive).
  const svg = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const { transform: current, panZoom: pz } = latest.current;
      if (!pz) return;
      e.preventDefault();
      const factor = e.ctrlKey && isMac() ? 10 : 1;
      const delta = -e.deltaY * (e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : 0.002);
      void pz.scaleTo(current[2] * Math.pow(2, delta * factor));
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, []);

  return (
    <Panel position="bottom-right" className="react-flow__minimap" style={PANEL_STYLE} data-testid="rf__minimap">
      <svg
        ref={svg}
        width={SIZE.width}
        height={SIZE.height}
        viewBox={view.viewBox}
        className="react-flow__minimap-svg"
        role="img"
        aria-labelledby={titleId}
        style={SVG_STYLE}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <title id={titleId}>{ariaLabel}</title>
        {shapes.chunks.map((rects, i) => (
          <MiniMapChunk key={i} rects={rects} />
        ))}
        <path className="react-flow__minimap-mask" d={view.mask} fillRule="evenodd" pointerEvents="none" />
      </svg>
    </Panel>
  );
});
