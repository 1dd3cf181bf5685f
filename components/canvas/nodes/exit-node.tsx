"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { FlowNodeOf } from "../flow-types";
import { NodeTypeIcon } from "./node-icons";
import { NodeShell } from "./node-shell";

export const ExitNode = memo(function ExitNode({ id, data, selected }: NodeProps<FlowNodeOf<"exit">>) {
  return (
    <NodeShell id={id} type="exit" icon={<NodeTypeIcon type="exit" className="h-3.5 w-3.5" />} title={data.label ?? "Exit"} kind="End of journey" selected={selected} />
  );
});
