"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { FlowNodeOf } from "../flow-types";
import { preview, updateProfileSummary } from "../node-summary";
import { NodeTypeIcon } from "./node-icons";
import { NodeShell } from "./node-shell";

const OUTPUTS = [{ handle: "next" }] as const;
const SHOWN = 3;

export const UpdateProfileNode = memo(function UpdateProfileNode({ id, data, selected }: NodeProps<FlowNodeOf<"update_profile">>) {
  const { config, label } = data;
  const entries = Object.entries(config.set);
  return (
    <NodeShell
      id={id}
      type="update_profile"
      icon={<NodeTypeIcon type="update_profile" className="h-3.5 w-3.5" />}
      title={label ?? "Update profile"}
      kind={label ? "Update profile" : undefined}
      selected={selected}
      outputs={OUTPUTS}
    >
      {entries.length === 0 ? (
        <p className="text-slate-400 italic">{updateProfileSummary(config)}</p>
      ) : (
        <ul className="space-y-0.5">
          {entries.slice(0, SHOWN).map(([key, value]) => (
            <li key={key} className="truncate">
              <span className="font-mono text-[11px]">{key}</span> = {preview(JSON.stringify(value) ?? "", 30)}
            </li>
          ))}
          {entries.length > SHOWN && <li className="text-slate-500">and {entries.length - SHOWN} more</li>}
        </ul>
      )}
    </NodeShell>
  );
});
