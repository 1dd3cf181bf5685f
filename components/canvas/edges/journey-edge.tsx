"use client";

import { BaseEdge, getSmoothStepPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditorStore } from "../editor-store-provider";
import type { JourneyFlowEdge } from "../flow-types";
import { usePathState } from "../nodes/node-decorations";
import { edgeStroke } from "./edge-look";

export const JourneyEdge = memo(function JourneyEdge(props: EdgeProps<JourneyFlowEdge>) {
  const { id, selected, markerEnd, sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition } = props;
  const path = usePathState("edge", id);
  const hasError = useEditorStore((s) => (s.issues.byEdge[id]?.errors.length ?? 0) > 0);
  const [d] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, borderRadius: 12 });
  return (
    <BaseEdge
      id={id}
      path={d}
      markerEnd={markerEnd}
      style={edgeStroke({ color: "#94a3b8", width: 1.5 }, { path, selected: selected ?? false, hasError })}
    />
  );
});
