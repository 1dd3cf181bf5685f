"use client";

import type { NodeProps } from "@xyflow/react";
import { memo, useMemo } from "react";
import type { FlowNodeOf } from "../flow-types";
import { NodeTypeIcon } from "./node-icons";
import { NodeShell } from "./node-shell";

export const SplitNode = memo(function SplitNode({ id, data, selected }: NodeProps<FlowNodeOf<"split">>) {
  const { config, label } = data;
  const outputs = useMemo(() => config.variants.map((v) => ({ handle: v.name })), [config.variants]);
  const total = config.variants.reduce((sum, v) => sum + v.percent, 0);
  return (
    <NodeShell id={id} type="split" icon={<NodeTypeIcon type="split" className="h-3.5 w-3.5" />} title={label ?? "A/B split"} kind={label ? "A/B split" : undefined} selected={selected} outputs={outputs}>
      <div className="flex h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
        {config.variants.map((v, i) => (
          <div key={v.name} className={i % 2 === 0 ? "bg-teal-500" : "bg-teal-300"} style={{ width: `${Math.max(0, v.percent)}%` }} />
        ))}
      </div>
      <ul className="space-y-0.5">
        {config.variants.map((v) => (
          <li key={v.name} className="flex justify-between gap-2">
            <span className="truncate font-mono text-[11px]">{v.name}</span>
            <span className="tabular-nums">{v.percent}%</span>
          </li>
        ))}
      </ul>
      {total !== 100 && <p className="text-red-700">Adds up to {total}%, not 100%</p>}
    </NodeShell>
  );
});
