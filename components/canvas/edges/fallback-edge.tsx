"use client";

/**
 * A safety net: dashed amber, labelled "SMS safety net" when it leads to an SMS, so the
 * fallback reads at a glance apart from the main path. The label is SVG text in the edge
 * itself: an `EdgeLabelRenderer` label is an HTML portal that looks up its container on every
 * store change (each drag frame), for every labelled edge. Zoomed far out, where the label
 * would be a pixel high, it is left out, as is the arrowhead (see `level-of-detail.tsx`).
 */
import { BaseEdge, EdgeText, getSmoothStepPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import type { JourneyFlowEdge } from "../flow-types";
import { useCompact } from "../nodes/level-of-detail";
import { edgeStroke } from "./edge-look";

// amber-900 on amber-50 with an amber-300 outline, as the node's fallback row.
const LABEL_STYLE = { fill: "#78350f", fontSize: 10, fontWeight: 600, letterSpacing: "0.025em", textTransform: "uppercase" } as const;
const LABEL_BG_STYLE = { fill: "#fffbeb", stroke: "#fcd34d", strokeWidth: 1 } as const;
const LABEL_BG_PADDING: [number, number] = [8, 3];

export const FallbackEdge = memo(function FallbackEdge(props: EdgeProps<JourneyFlowEdge>) {
  const { id, data, selected, markerEnd, sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition } = props;
  const path = data?.path ?? "none";
  const compact = useCompact();
  const [d, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, borderRadius: 12 });
  return (
    <>
      <BaseEdge
        id={id}
        path={d}
        markerEnd={compact ? undefined : markerEnd}
        style={{ ...edgeStroke({ color: "#f59e0b", width: 2 }, { path, selected: selected ?? false, hasError: data?.hasError ?? false }), strokeDasharray: "6 4" }}
      />
      {!compact && (
        <EdgeText
          x={labelX}
          y={labelY}
          label={data?.toSms ? "SMS safety net" : "Fallback"}
          labelStyle={LABEL_STYLE}
          labelBgStyle={LABEL_BG_STYLE}
          labelBgPadding={LABEL_BG_PADDING}
          labelBgBorderRadius={9}
          className={`pointer-events-none ${path === "dim" ? "opacity-40" : ""}`}
        />
      )}
    </>
  );
});
