/**
 * The stroke of an edge from its state: simulated path first (lit or dimmed), then errors,
 * then selection.
 */
import type { PathState } from "../flow-types";

export function edgeStroke(base: { color: string; width: number }, state: { path: PathState; selected: boolean; hasError: boolean }) {
  if (state.path === "lit") return { stroke: "#10b981", strokeWidth: 3 };
  const opacity = state.path === "dim" ? 0.35 : 1;
  if (state.hasError) return { stroke: "#dc2626", strokeWidth: base.width + 0.5, opacity };
  if (state.selected) return { stroke: "#2f6fed", strokeWidth: base.width + 1, opacity };
  return { stroke: base.color, strokeWidth: base.width, opacity };
}
