"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { FlowNodeOf } from "../flow-types";
import { webhookSummary } from "../node-summary";
import { NodeTypeIcon } from "./node-icons";
import { FallbackRow, NodeShell } from "./node-shell";

const OUTPUTS = [{ handle: "next" }] as const;

export const WebhookNode = memo(function WebhookNode({ id, data, selected }: NodeProps<FlowNodeOf<"webhook">>) {
  const { config, label } = data;
  return (
    <NodeShell
      id={id}
      type="webhook"
      icon={<NodeTypeIcon type="webhook" className="h-3.5 w-3.5" />}
      title={label ?? "Webhook"}
      kind={label ? "Webhook" : undefined}
      selected={selected}
      outputs={OUTPUTS}
      side={<FallbackRow when="if it fails after retries → fallback" />}
    >
      <p className="truncate font-mono text-[11px]" title={config.url}>
        {webhookSummary(config)}
      </p>
    </NodeShell>
  );
});
