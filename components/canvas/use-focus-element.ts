"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { useEditorActions } from "./editor-store-provider";

/** Select a node (or an edge with its two ends) and bring it into view. */
export function useFocusElement() {
  const { fitView } = useReactFlow();
  const actions = useEditorActions();
  return useCallback(
    (target: { nodeId: string } | { edgeId: string; source: string; target: string }) => {
      if ("nodeId" in target) {
        actions.select({ nodes: [target.nodeId], edges: [] });
        void fitView({ nodes: [{ id: target.nodeId }], duration: 300, maxZoom: 1.25, padding: 0.5 });
      } else {
        actions.select({ nodes: [], edges: [target.edgeId] });
        void fitView({ nodes: [{ id: target.source }, { id: target.target }], duration: 300, maxZoom: 1.25, padding: 0.3 });
      }
    },
    [actions, fitView],
  );
}
