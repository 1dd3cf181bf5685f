/**
 * Where the canvas opens, before React Flow has measured a single node: the fit view of the
 * nodes' positions with a typical card size. React Flow still fits the view to the measured
 * nodes once they are drawn; this guess only lets the first render pick the right level of
 * detail, so a big journey opens straight into compact boxes and one edge layer instead of
 * mounting 500 full cards and ~600 React Flow edges only to swap them out a moment later.
 */
import { getViewportForBounds, type Viewport } from "@xyflow/react";
import type { XY } from "./journey-edits";

/** About a card's size: `w-60`, a header and two lines of body. */
const CARD_SIZE = { width: 240, height: 110 };

export function openingViewport(
  nodes: readonly { position: XY }[],
  canvas: { width: number; height: number },
  fit: { minZoom: number; maxZoom: number; padding: number },
): Viewport {
  if (nodes.length === 0 || canvas.width <= 0 || canvas.height <= 0) return { x: 0, y: 0, zoom: 1 };
  const xs = nodes.map((n) => n.position.x);
  const ys = nodes.map((n) => n.position.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  const bounds = { x, y, width: Math.max(...xs) + CARD_SIZE.width - x, height: Math.max(...ys) + CARD_SIZE.height - y };
  return getViewportForBounds(bounds, canvas.width, canvas.height, fit.minZoom, fit.maxZoom, fit.padding);
}
