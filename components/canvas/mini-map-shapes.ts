/**
 * The minimap's picture, from React Flow's internal nodes (no DOM, no React): one rectangle per
 * node and the viewBox and viewport mask React Flow's own `<MiniMap>` computes.
 *
 * React Flow's minimap gives every node a store subscription, run on every store update: on a
 * 500-step journey, 500 selectors, 500 fresh objects and 500 sibling fibers per drag frame.
 * `mini-map.tsx` subscribes once instead, through this memoised projection: a rectangle is
 * re-made only when React Flow replaced its node (it moved, was re-measured or re-selected), and
 * the rectangles come in fixed-size chunks that keep their identity while none of theirs
 * changed, so a drag frame re-renders one chunk.
 */
import type { InternalNode, Transform } from "@xyflow/react";

/** `type` is the node's (journey node) type: the minimap colours a node by it. */
export type MiniMapRect = { id: string; type: string | undefined; selected: boolean; x: number; y: number; width: number; height: number };

export type Rect = { x: number; y: number; width: number; height: number };

export type MiniMapShapes = {
  /** In the node lookup's order; `undefined` for a node React Flow's minimap leaves out. */
  chunks: readonly (readonly (MiniMapRect | undefined)[])[];
  /** Around every node that is not hidden; `undefined` when there is none. */
  bounds: Rect | undefined;
};

/** Small enough that a frame re-renders few rectangles; large enough that there are few chunks. */
export const MINI_MAP_CHUNK = 32;

type Dimensions = { width: number | undefined; height: number | undefined };

// As React Flow sizes a node: measured, else given, else initial.
function dimensionsOf(node: InternalNode): Dimensions {
  return {
    width: node.measured?.width ?? node.width ?? node.initialWidth,
    height: node.measured?.height ?? node.height ?? node.initialHeight,
  };
}

/** React Flow's minimap draws a node once it is visible and has a size. */
function rectOf(node: InternalNode): MiniMapRect | undefined {
  const { width, height } = dimensionsOf(node);
  if (node.hidden || width === undefined || height === undefined) return undefined;
  const { x, y } = node.internals.positionAbsolute;
  return { id: node.id, type: node.type, selected: node.selected ?? false, x, y, width, height };
}

const sameRect = (a: Rect | undefined, b: Rect | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);

/**
 * A memoised projection: React Flow's node lookup → the minimap's rectangles and their bounds.
 * Returns the same object while nothing it draws changed.
 */
export function createMiniMapProjector(chunkSize = MINI_MAP_CHUNK) {
  type Entry = { node: InternalNode; rect: MiniMapRect | undefined };
  let entries: Entry[] = [];
  let shapes: MiniMapShapes = { chunks: [], bounds: undefined };

  // Runs on every React Flow store update (each drag frame): an unchanged node costs one
  // comparison and its share of the bounds, and allocates nothing.
  return (nodeLookup: ReadonlyMap<string, InternalNode>): MiniMapShapes => {
    const dirty = new Set<number>();
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    let i = 0;
    for (const node of nodeLookup.values()) {
      if (entries[i]?.node !== node) {
        entries[i] = { node, rect: rectOf(node) };
        dirty.add(Math.floor(i / chunkSize));
      }
      if (!node.hidden) {
        const { x, y } = node.internals.positionAbsolute;
        // Read in place: a dimensions object per node per frame is most of what this allocates.
        const width = node.measured?.width ?? node.width ?? node.initialWidth ?? 0;
        const height = node.measured?.height ?? node.height ?? node.initialHeight ?? 0;
        x1 = Math.min(x1, x);
        y1 = Math.min(y1, y);
        x2 = Math.max(x2, x + width);
        y2 = Math.max(y2, y + height);
      }
      i++;
    }
    const shrunk = i < entries.length;
    if (shrunk) entries = entries.slice(0, i);
    const bounds = x1 === Infinity ? undefined : { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
    const chunkCount = Math.ceil(i / chunkSize);
    if (dirty.size === 0 && !shrunk && sameRect(bounds, shapes.bounds)) return shapes;

    const chunks = shapes.chunks.slice(0, chunkCount);
    if (shrunk && chunkCount > 0) dirty.add(chunkCount - 1);
    for (const c of dirty) chunks[c] = entries.slice(c * chunkSize, (c + 1) * chunkSize).map((e) => e.rect);
    shapes = {
      chunks: dirty.size === 0 && !shrunk ? shapes.chunks : chunks,
      bounds: sameRect(bounds, shapes.bounds) ? shapes.bounds : bounds,
    };
    return shapes;
  };
}

/** How React Flow's minimap frames the flow: its viewBox, the viewport mask and the view scale. */
export type MiniMapView = { viewBox: string; mask: string; viewScale: number };

/**
 * The same arithmetic as React Flow's `<MiniMap>`: the box around the nodes and the viewport,
 * scaled to fit the minimap's size and centred, with `offsetScale` minimap pixels of margin.
 */
export function miniMapView(
  bounds: Rect | undefined,
  transform: Transform,
  flow: { width: number; height: number },
  size: { width: number; height: number },
  offsetScale = 5,
): MiniMapView {
  const [tx, ty, zoom] = transform;
  const view = { x: -tx / zoom, y: -ty / zoom, width: flow.width / zoom, height: flow.height / zoom };
  const box = bounds ? union(bounds, view) : view;
  const viewScale = Math.max(box.width / size.width, box.height / size.height);
  const viewWidth = viewScale * size.width;
  const viewHeight = viewScale * size.height;
  const offset = offsetScale * viewScale;
  const x = box.x - (viewWidth - box.width) / 2 - offset;
  const y = box.y - (viewHeight - box.height) / 2 - offset;
  const width = viewWidth + offset * 2;
  const height = viewHeight + offset * 2;
  return {
    viewBox: `${x} ${y} ${width} ${height}`,
    mask:
      `M${x - offset},${y - offset}h${width + offset * 2}v${height + offset * 2}h${-width - offset * 2}z ` +
      `M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`,
    viewScale,
  };
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}
