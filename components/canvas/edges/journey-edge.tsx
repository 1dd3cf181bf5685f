"use client";

import { BaseEdge, getSmoothStepPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import type { JourneyFlowEdge } from "../flow-types";
import { useCompact } from "../nodes/level-of-detail";
import { edgeStroke } from "./edge-look";

/** Zoomed far out, no arrowhead: each is painted on its own, and at a few pixels says little. */
export const JourneyEdge = memo(function JourneyEdge(props: EdgeProps<JourneyFlowEdge>) {
  const { id, data, selected, markerEnd, sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition } = props;
  const compact = useCompact();
  const [d] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, borderRadius: 12 });
  return (
    <BaseEdge
      id={id}
      path={d}
      markerEnd={compact ? undefined : markerEnd}
      style={edgeStroke({ color: "#94a3b8", width: 1.5 }, { path: data?.path ?? "none", selected: selected ?? false, hasError: data?.hasError ?? false })}
    />
  );
});
