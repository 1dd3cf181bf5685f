"use client";

/**
 * A safety net: dashed amber, labelled "SMS safety net" when it leads to an SMS, so the
 * fallback reads at a glance apart from the main path.
 */
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditorStore } from "../editor-store-provider";
import type { JourneyFlowEdge } from "../flow-types";
import { usePathState } from "../nodes/node-decorations";
import { edgeStroke } from "./edge-look";

export const FallbackEdge = memo(function FallbackEdge(props: EdgeProps<JourneyFlowEdge>) {
  const { id, data, selected, markerEnd, sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition } = props;
  const path = usePathState("edge", id);
  const hasError = useEditorStore((s) => (s.issues.byEdge[id]?.errors.length ?? 0) > 0);
  const [d, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, borderRadius: 12 });
  const label = data?.toSms ? "SMS safety net" : "Fallback";
  return (
    <>
      <BaseEdge
        id={id}
        path={d}
        markerEnd={markerEnd}
        style={{ ...edgeStroke({ color: "#f59e0b", width: 2 }, { path, selected: selected ?? false, hasError }), strokeDasharray: "6 4" }}
      />
      <EdgeLabelRenderer>
        <div
          className={`nodrag nopan pointer-events-none absolute rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-[10px] font-semibold tracking-wide text-amber-900 uppercase shadow-sm ${
            path === "dim" ? "opacity-40" : ""
          }`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          {label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
