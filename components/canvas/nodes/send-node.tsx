"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditorStore } from "../editor-store-provider";
import { fallbackSources } from "../edge-index";
import type { FlowNodeOf } from "../flow-types";
import { CHANNEL_LABELS, fallbackCondition, sendPreview } from "../node-summary";
import { useAddSmsFallback } from "../use-add-sms-fallback";
import { ChannelIcon } from "./node-icons";
import { FallbackRow, NodeShell } from "./node-shell";

const OUTPUTS = [{ handle: "next" }] as const;

export const SendNode = memo(function SendNode({ id, data, selected }: NodeProps<FlowNodeOf<"send">>) {
  const { config, label } = data;
  const channel = CHANNEL_LABELS[config.channel];
  const purpose = useEditorStore((s) => config.purpose ?? s.doc.purpose);
  const offerFallback = useEditorStore((s) => !s.readOnly && config.channel !== "sms" && !fallbackSources(s.doc.edges).has(id));
  const addSmsFallback = useAddSmsFallback();
  const text = sendPreview(config);

  return (
    <NodeShell
      id={id}
      type="send"
      icon={<ChannelIcon channel={config.channel} className="h-3.5 w-3.5" />}
      title={label ?? channel}
      kind={label ? `${channel} message` : undefined}
      tags={
        (purpose === "marketing" || config.urgent) && (
          <span className="flex shrink-0 gap-0.5">
            {purpose === "marketing" && <span className="rounded bg-pink-50 px-1 text-[10px] text-pink-700">marketing</span>}
            {config.urgent && <span className="rounded bg-red-50 px-1 text-[10px] text-red-700">urgent</span>}
          </span>
        )
      }
      selected={selected}
      outputs={OUTPUTS}
      side={
        <FallbackRow
          when={fallbackCondition(config)}
          offer={
            offerFallback && (
              <button
                type="button"
                className="nodrag nopan rounded-full border border-dashed border-amber-500 bg-white px-2 py-0.5 text-[11px] font-medium whitespace-nowrap text-amber-900 shadow-sm hover:bg-amber-50"
                onClick={(e) => {
                  // The card's own click would add the message to the selection.
                  e.stopPropagation();
                  addSmsFallback(id);
                }}
                aria-label={`Add SMS fallback to ${label ?? id}`}
                title="Send an SMS when this message fails"
              >
                + SMS fallback
              </button>
            )
          }
        />
      }
    >
      <p className={`line-clamp-2 ${text ? "" : "text-slate-400 italic"}`}>{text || "No message yet"}</p>
    </NodeShell>
  );
});
