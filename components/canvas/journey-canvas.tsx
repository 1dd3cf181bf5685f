"use client";

/**
 * The React Flow surface, controlled by the editor store: nodes and edges are projections of
 * the journey (memoised so an untouched node keeps its object), and every change React Flow
 * reports goes back through a store action, except the positions of a drag in progress: those
 * stay in the canvas and reach the journey once, on the drop (one undo step, one autosave).
 * Deleting goes through the store's key handler rather than React Flow's, so a deletion is one
 * undo step whatever it removes.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  ReactFlow,
  type Connection,
  type DefaultEdgeOptions,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnNodeDrag,
  type OnReconnect,
  type Viewport,
} from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { flushSync } from "react-dom";
import "./journey-canvas.css";
import { edgeTypes } from "./edges/edge-types";
import { FarEdgeLayer } from "./edges/far-edge-layer";
import { useEditorStore, useEditorStoreApi } from "./editor-store-provider";
import { createFlowEdgeProjector, createFlowNodeProjector, withPositions, type Measured } from "./flow-conversion";
import type { JourneyFlowEdge, JourneyFlowNode } from "./flow-types";
import type { XY } from "./journey-edits";
import { MiniMap } from "./mini-map";
import { LevelOfDetailProvider, useFarOut } from "./nodes/level-of-detail";
import { nodeTypes } from "./nodes/node-types";
import { openingViewport } from "./opening-view";
import { PALETTE_MIME, decodePaletteItem } from "./palette-items";
import { useAddNode } from "./use-add-node";

// Sized in pixels, not stroke widths, so a lit (thicker) edge keeps a normal arrowhead.
const DEFAULT_EDGE_OPTIONS: DefaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 26, height: 26, color: "#64748b", markerUnits: "userSpaceOnUse" },
};
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1 };
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 2;

/**
 * Above this many nodes, only nodes in view are in the DOM. Measured on a 1,000-node journey
 * zoomed in on a few: a drag frame went from ~95 ms to ~58 ms (dev build, 2 cores). Small
 * journeys keep every node in the DOM, so any node can be found (e2e, screen readers).
 */
const RENDER_VISIBLE_ONLY_ABOVE = 300;

const NOT_DRAGGING: Readonly<Record<string, XY>> = {};
const NO_EDGES: JourneyFlowEdge[] = [];

/**
 * The canvas waits one layout for its size (before anything is painted), so React Flow starts
 * at about the view it will fit, at the right level of detail (`opening-view.ts`).
 */
export function JourneyCanvas({ onOpenInspector }: { onOpenInspector: () => void }) {
  const store = useEditorStoreApi();
  const frame = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<Viewport>();
  useLayoutEffect(() => {
    const el = frame.current;
    if (!el) return;
    const fit = { minZoom: MIN_ZOOM, maxZoom: FIT_VIEW_OPTIONS.maxZoom, padding: FIT_VIEW_OPTIONS.padding };
    setOpening(openingViewport(store.getState().doc.nodes, { width: el.clientWidth, height: el.clientHeight }, fit));
  }, [store]);
  return (
    <div ref={frame} className="absolute inset-0">
      {opening && <Canvas opening={opening} onOpenInspector={onOpenInspector} />}
    </div>
  );
}

function Canvas({ opening, onOpenInspector }: { opening: Viewport; onOpenInspector: () => void }) {
  const store = useEditorStoreApi();
  const projectNodes = useMemo(() => createFlowNodeProjector(), []);
  const projectEdges = useMemo(() => createFlowEdgeProjector(), []);
  const storedNodes = useEditorStore((s) => projectNodes(s.doc.nodes, s.selection.nodes, s.measured));
  const edges = useEditorStore((s) => projectEdges(s.doc.edges, s.doc.nodes, s.selection.edges, { highlight: s.highlight, issuesByEdge: s.issues.byEdge }));
  const readOnly = useEditorStore((s) => s.readOnly);
  const large = useEditorStore((s) => s.doc.nodes.length > RENDER_VISIBLE_ONLY_ABOVE);
  const addNode = useAddNode();
  const farOut = useFarOut(opening.zoom);

  // Where the nodes being dragged are now. Writing each frame's positions to the journey would
  // give every frame a new document: its history and autosave bookkeeping, a fresh projection
  // of every edge and every store subscriber run for nothing. Only the dragged nodes get new
  // objects here; the drop writes the final positions to the store and clears this.
  const [dragged, setDragged] = useState(NOT_DRAGGING);
  const nodes = useMemo(() => withPositions(storedNodes, dragged), [storedNodes, dragged]);

  // A mouse can report moves faster than frames come: mid-drag positions wait for the next
  // frame and render in it, as one synchronous update (a state update made in an animation
  // frame would otherwise render after that frame's paint).
  const pendingMoves = useRef<Record<string, XY>>({});
  const moveFrame = useRef<number | undefined>(undefined);
  const cancelMoves = useCallback(() => {
    if (moveFrame.current !== undefined) cancelAnimationFrame(moveFrame.current);
    moveFrame.current = undefined;
    pendingMoves.current = {};
  }, []);
  const renderMoves = useCallback(() => {
    moveFrame.current = undefined;
    const positions = pendingMoves.current;
    pendingMoves.current = {};
    flushSync(() => setDragged((current) => ({ ...current, ...positions })));
  }, []);
  useEffect(() => cancelMoves, [cancelMoves]);

  const onNodesChange = useCallback(
    (changes: NodeChange<JourneyFlowNode>[]) => {
      const { actions, selection } = store.getState();
      const positions: Record<string, XY> = {};
      const sizes: Record<string, Measured> = {};
      let moving = false;
      let dropped = false;
      let selected: Set<string> | undefined;
      for (const change of changes) {
        switch (change.type) {
          case "position":
            if (change.dragging) {
              if (change.position) pendingMoves.current[change.id] = change.position;
              moving = true;
            } else {
              // The drop of a drag, or a move with the arrow keys.
              if (change.position) positions[change.id] = change.position;
              dropped = true;
            }
            break;
          case "dimensions":
            if (change.dimensions) sizes[change.id] = { width: change.dimensions.width, height: change.dimensions.height };
            break;
          case "select":
            selected ??= new Set(selection.nodes);
            if (change.selected) selected.add(change.id);
            else selected.delete(change.id);
            break;
          case "add":
          case "remove":
          case "replace":
            break;
          default: {
            const _exhaustive: never = change;
            return _exhaustive;
          }
        }
      }
      if (moving && !dropped) moveFrame.current ??= requestAnimationFrame(renderMoves);
      if (Object.keys(sizes).length > 0) actions.setMeasured(sizes);
      if (dropped) {
        cancelMoves();
        // The journey takes the final positions in the same render that drops the drag state.
        setDragged(NOT_DRAGGING);
        if (Object.keys(positions).length > 0) actions.moveNodes(positions);
        actions.endGesture();
      }
      if (selected) actions.select({ nodes: [...selected], edges: store.getState().selection.edges });
    },
    [store, renderMoves, cancelMoves],
  );

  // React Flow selects a node when its drag starts (`selectNodesOnDrag`): a store update, a
  // re-projection and the node, its old selection and the inspector re-rendering in the drag's
  // first frames, its slowest. The canvas selects the dragged nodes on the drop instead, in the
  // render the drop makes anyway, and ends with the same selection: React Flow still deselects
  // the rest when an unselected node's drag starts (and then drags only that node), and a click
  // still selects at once.
  const onNodeDragStop = useCallback<OnNodeDrag<JourneyFlowNode>>(
    (_event, _node, dragged) => {
      const { actions, selection } = store.getState();
      const added = dragged.filter((n) => !selection.nodes.includes(n.id)).map((n) => n.id);
      if (added.length > 0) actions.select({ nodes: [...selection.nodes, ...added], edges: selection.edges });
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<JourneyFlowEdge>[]) => {
      const { actions, selection } = store.getState();
      let selected: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== "select") continue;
        selected ??= new Set(selection.edges);
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
      if (selected) actions.select({ nodes: store.getState().selection.nodes, edges: [...selected] });
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.sourceHandle) store.getState().actions.connect({ source: c.source, sourceHandle: c.sourceHandle, target: c.target });
    },
    [store],
  );

  const onReconnect = useCallback<OnReconnect<JourneyFlowEdge>>(
    (old, c) => {
      if (c.sourceHandle) store.getState().actions.reconnect(old.id, { source: c.source, sourceHandle: c.sourceHandle, target: c.target });
    },
    [store],
  );

  const isValidConnection = useCallback<IsValidConnection<JourneyFlowEdge>>(
    (c) => c.source !== c.target && store.getState().doc.nodes.find((n) => n.id === c.target)?.type !== "trigger",
    [store],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const item = decodePaletteItem(e.dataTransfer.getData(PALETTE_MIME));
      if (!item) return;
      e.preventDefault();
      addNode(item, { x: e.clientX, y: e.clientY });
      onOpenInspector();
    },
    [addNode, onOpenInspector],
  );

  return (
    <LevelOfDetailProvider compact={farOut}>
      <ReactFlow<JourneyFlowNode, JourneyFlowEdge>
        aria-label="Journey canvas"
        nodes={nodes}
        edges={farOut ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        selectNodesOnDrag={false}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onReconnect={onReconnect}
        isValidConnection={isValidConnection}
        onNodeClick={onOpenInspector}
        onEdgeClick={onOpenInspector}
        onDragOver={onDragOver}
        onDrop={onDrop}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        deleteKeyCode={null}
        onlyRenderVisibleElements={large}
        defaultViewport={opening}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
      >
        {farOut && <FarEdgeLayer edges={edges} />}
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#cbd5e1" />
        <MiniMap ariaLabel="Mini map of the journey" />
        <Controls showInteractive={false} aria-label="Zoom and fit controls" />
      </ReactFlow>
    </LevelOfDetailProvider>
  );
}
