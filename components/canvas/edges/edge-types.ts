/** React Flow's edge components by flow edge type; a module constant, like `nodeTypes`. */
import type { EdgeTypes } from "@xyflow/react";
import type { FlowEdgeType } from "../flow-types";
import { FallbackEdge } from "./fallback-edge";
import { JourneyEdge } from "./journey-edge";

export const edgeTypes = {
  journey: JourneyEdge,
  fallback: FallbackEdge,
} satisfies Record<FlowEdgeType, EdgeTypes[string]>;
