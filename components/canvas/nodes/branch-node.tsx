"use client";

import type { NodeProps } from "@xyflow/react";
import { memo, useMemo } from "react";
import { BRANCH_ELSE } from "@/server/journey/outputs";
import type { FlowNodeOf } from "../flow-types";
import { conditionSummary } from "../node-summary";
import { NodeTypeIcon } from "./node-icons";
import { NodeShell, type OutputSpec } from "./node-shell";

export const BranchNode = memo(function BranchNode({ id, data, selected }: NodeProps<FlowNodeOf<"branch">>) {
  const { config, label } = data;
  const outputs = useMemo<OutputSpec[]>(
    () => [...config.cases.map((c) => ({ handle: c.name })), { handle: BRANCH_ELSE, tone: "else" }],
    [config.cases],
  );
  return (
    <NodeShell id={id} type="branch" icon={<NodeTypeIcon type="branch" className="h-3.5 w-3.5" />} title={label ?? "Branch"} kind={label ? "Branch" : "first match wins"} selected={selected} outputs={outputs}>
      <ol className="space-y-0.5">
        {config.cases.map((c) => (
          <li key={c.name} className="truncate" title={conditionSummary(c.where)}>
            <span className="font-mono text-[11px] font-semibold">{c.name}</span>
            <span className="text-slate-500"> if {conditionSummary(c.where)}</span>
          </li>
        ))}
        <li className="text-slate-500">
          <span className="font-mono text-[11px]">{BRANCH_ELSE}</span> otherwise
        </li>
      </ol>
    </NodeShell>
  );
});
