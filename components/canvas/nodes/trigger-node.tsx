"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { FlowNodeOf } from "../flow-types";
import { conditionSummary, triggerSummary } from "../node-summary";
import { NodeTypeIcon } from "./node-icons";
import { NodeShell } from "./node-shell";

const OUTPUTS = [{ handle: "next" }] as const;

export const TriggerNode = memo(function TriggerNode({ id, data, selected }: NodeProps<FlowNodeOf<"trigger">>) {
  const { config, label } = data;
  const where = config.kind === "api" ? undefined : config.where;
  return (
    <NodeShell id={id} type="trigger" icon={<NodeTypeIcon type="trigger" className="h-3.5 w-3.5" />} title={label ?? "Entry"} kind={label ? "Entry" : undefined} selected={selected} outputs={OUTPUTS}>
      <p className="font-medium">{triggerSummary(config)}</p>
      {where && <p className="line-clamp-2 text-slate-500">if {conditionSummary(where)}</p>}
    </NodeShell>
  );
});
