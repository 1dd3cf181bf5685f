"use client";

import { useEditorStore } from "../editor-store-provider";
import type { PathState } from "../nodes/node-decorations";

export type EdgeState = { path: PathState; hasError: boolean };

// One object per combination, so the selector's result compares by identity.
const EDGE_STATES = {
  none: { path: "none", hasError: false },
  "none!": { path: "none", hasError: true },
  lit: { path: "lit", hasError: false },
  "lit!": { path: "lit", hasError: true },
  dim: { path: "dim", hasError: false },
  "dim!": { path: "dim", hasError: true },
} as const satisfies Record<string, EdgeState>;

/**
 * An edge's simulated-path state and whether it has an error, in one store subscription: every
 * edge's subscriptions run on each store change (each drag frame), so one per edge, not two.
 */
export function useEdgeState(id: string): EdgeState {
  return useEditorStore((s) => {
    const path: PathState = !s.highlight ? "none" : s.highlight.edges.has(id) ? "lit" : "dim";
    const hasError = (s.issues.byEdge[id]?.errors.length ?? 0) > 0;
    return EDGE_STATES[hasError ? (`${path}!` as const) : path];
  });
}
