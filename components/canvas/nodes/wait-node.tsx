"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { FlowNodeOf } from "../flow-types";
import { conditionSummary, waitSummary } from "../node-summary";
import { NodeTypeIcon } from "./node-icons";
import { NodeShell, type OutputSpec } from "./node-shell";

const NEXT: readonly OutputSpec[] = [{ handle: "next" }];
const EVENT_OR_TIMEOUT: readonly OutputSpec[] = [{ handle: "event" }, { handle: "timeout", tone: "else" }];

export const WaitNode = memo(function WaitNode({ id, data, selected }: NodeProps<FlowNodeOf<"wait">>) {
  const { config, label } = data;
  const awaitingEvent = config.mode === "until_event";
  return (
    <NodeShell
      id={id}
      type="wait"
      icon={<NodeTypeIcon type="wait" className="h-3.5 w-3.5" />}
      title={label ?? "Wait"}
      kind={label ? (awaitingEvent ? "Wait for event" : "Wait") : undefined}
      selected={selected}
      outputs={awaitingEvent ? EVENT_OR_TIMEOUT : NEXT}
    >
      <p className="font-medium">{waitSummary(config)}</p>
      {awaitingEvent && config.where && <p className="line-clamp-2 text-slate-500">if {conditionSummary(config.where)}</p>}
    </NodeShell>
  );
});
