"use client";

/**
 * Adding a node from the palette. A drop lands where the pointer is; a click (or Enter) hangs
 * the node under the selected step's first free output and connects it, the way Braze and
 * Customer.io append a step, or else drops it in the middle of the view.
 */
import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback } from "react";
import { DEFAULT_NODE_SIZE } from "./auto-layout";
import { useEditorStoreApi } from "./editor-store-provider";
import { firstFreeOutput, positionBelow } from "./journey-edits";
import type { PaletteItem } from "./palette-items";

export function useAddNode() {
  const store = useEditorStoreApi();
  const flowStore = useStoreApi();
  const { screenToFlowPosition, getViewport, setCenter } = useReactFlow();

  return useCallback(
    (item: PaletteItem, dropAt?: { x: number; y: number }) => {
      const { doc, selection, actions } = store.getState();
      if (dropAt) {
        const p = screenToFlowPosition(dropAt);
        actions.addNode({ ...item, position: { x: p.x - DEFAULT_NODE_SIZE.width / 2, y: p.y - 20 } });
        return;
      }
      const [selected] = selection.nodes;
      const source = selection.nodes.length === 1 ? doc.nodes.find((n) => n.id === selected) : undefined;
      const handle = source ? firstFreeOutput(doc, source.id) : undefined;
      if (source && handle) {
        const position = positionBelow(source, handle);
        actions.addNode({ ...item, position, after: { nodeId: source.id, handle } });
        const { zoom } = getViewport();
        void setCenter(position.x + DEFAULT_NODE_SIZE.width / 2, position.y + DEFAULT_NODE_SIZE.height / 2, { zoom, duration: 200 });
        return;
      }
      const { width, height } = flowStore.getState();
      const { x, y, zoom } = getViewport();
      actions.addNode({
        ...item,
        position: { x: (width / 2 - x) / zoom - DEFAULT_NODE_SIZE.width / 2, y: (height / 2 - y) / zoom - DEFAULT_NODE_SIZE.height / 2 },
      });
    },
    [store, flowStore, screenToFlowPosition, getViewport, setCenter],
  );
}
