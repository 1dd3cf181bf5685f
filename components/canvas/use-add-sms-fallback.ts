"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { useEditorActions } from "./editor-store-provider";

/**
 * The one-click SMS safety net, then a pan (never a zoom-in) that shows the message and its
 * new fallback together; React Flow waits for the new node to be measured before fitting.
 */
export function useAddSmsFallback() {
  const { addSmsFallback } = useEditorActions();
  const { fitView, getZoom } = useReactFlow();
  return useCallback(
    (sendId: string) => {
      const added = addSmsFallback(sendId);
      if (added) void fitView({ nodes: [{ id: sendId }, { id: added }], duration: 300, maxZoom: getZoom(), padding: 0.3 });
      return added;
    },
    [addSmsFallback, fitView, getZoom],
  );
}
