"use client";

/**
 * The card every node type shares: header (icon, name, kind, issue badges), body, live counts
 * and the labelled output handles. Handle ids are the output names the journey's edges use.
 */
import { Handle, Position, useNodeId, useUpdateNodeInternals } from "@xyflow/react";
import { useEffect, useRef, type ReactNode } from "react";
import type { NodeType } from "@/server/journey/schema";
import { NODE_CATALOG } from "../node-catalog";
import { IssueBadges, StatsStrip, useNodePathState } from "./node-decorations";

export type OutputTone = "default" | "else" | "fallback";
export type OutputSpec = { handle: string; tone?: OutputTone };

const HANDLE_BASE = "h-3! w-3! border-2! border-white!";
const HANDLE_TONE: Record<OutputTone, string> = {
  default: "bg-slate-500!",
  else: "bg-slate-400!",
  fallback: "bg-amber-500!",
};

/**
 * React Flow measures handles when a node resizes; a renamed case or a wait that starts
 * awaiting an event changes handles without resizing, and its edges would lose their handle.
 */
export function useRemeasureOnNewHandles(outputs: readonly OutputSpec[]) {
  const nodeId = useNodeId();
  const updateNodeInternals = useUpdateNodeInternals();
  const key = outputs.map((o) => o.handle).join("\n");
  const measuredKey = useRef(key);
  useEffect(() => {
    if (measuredKey.current === key || nodeId === null) return;
    measuredKey.current = key;
    updateNodeInternals(nodeId);
  }, [key, nodeId, updateNodeInternals]);
}

/** Outputs along the bottom, each above its own handle. */
export function BottomOutputs({ outputs }: { outputs: readonly OutputSpec[] }) {
  useRemeasureOnNewHandles(outputs);
  if (outputs.length === 0) return null;
  return (
    <div className="flex justify-around gap-1 px-2">
      {outputs.map(({ handle, tone = "default" }) => (
        <div key={handle} className="relative min-w-0 pb-1.5 text-center">
          <span
            className={`block max-w-20 truncate px-1 font-mono text-[10px] leading-3 ${tone === "else" ? "text-slate-400" : "text-slate-500"}`}
            title={handle}
          >
            {handle}
          </span>
          <Handle type="source" position={Position.Bottom} id={handle} className={`${HANDLE_BASE} ${HANDLE_TONE[tone]}`} aria-label={`Output ${handle}`} />
        </div>
      ))}
    </div>
  );
}

/**
 * The `fallback` output on the card's right edge, on the line that says when it is taken. It
 * sits at the side so a safety net hangs down-right of its message, apart from the main path;
 * `offer` (the one-click "+ SMS fallback") floats just outside, where the SMS will appear.
 */
export function FallbackRow({ when, offer }: { when: string; offer?: ReactNode }) {
  return (
    <div className="relative border-y border-dashed border-amber-300 bg-amber-50 px-3 py-1 text-[11px] leading-4 text-amber-900">
      <span className="block truncate pr-1" title={when}>
        {when}
      </span>
      <Handle type="source" position={Position.Right} id="fallback" className={`${HANDLE_BASE} ${HANDLE_TONE.fallback}`} aria-label="Output fallback" />
      {offer && <div className="absolute top-1/2 left-full ml-4 -translate-y-1/2">{offer}</div>}
    </div>
  );
}

const PATH_RING = { none: "", lit: "ring-2 ring-emerald-500 ring-offset-2", dim: "opacity-60 grayscale" } as const;

export function NodeShell(props: {
  id: string;
  type: NodeType;
  icon: ReactNode;
  /** The node's label, or what it is when unlabelled. */
  title: string;
  /** What kind of step a labelled node is ("WhatsApp message"); unlabelled, the title says it. */
  kind?: string;
  /** Small chips beside the title (marketing, urgent). */
  tags?: ReactNode;
  selected: boolean;
  children?: ReactNode;
  /** The fallback row, between the body and the bottom outputs. */
  side?: ReactNode;
  outputs?: readonly OutputSpec[];
}) {
  const { id, type, icon, title, kind, tags, selected, children, side, outputs = [] } = props;
  const info = NODE_CATALOG[type];
  const path = useNodePathState(id);
  return (
    <div
      className={`w-60 rounded-lg border border-t-4 bg-white text-xs shadow-sm ${info.accent} ${
        selected ? "border-x-brand-500 border-b-brand-500 shadow-md ring-1 ring-brand-500" : "border-x-slate-200 border-b-slate-200"
      } ${PATH_RING[path]}`}
    >
      {type !== "trigger" && <Handle type="target" position={Position.Top} className={`${HANDLE_BASE} bg-slate-400!`} aria-label="Input" />}
      <header className="flex items-center gap-2 px-2.5 pt-1.5 pb-1">
        <span className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-md ${info.chip}`}>{icon}</span>
        <div className="min-w-0 flex-1 leading-tight">
          <div className="truncate text-[13px] font-semibold text-slate-900" title={title}>
            {title}
          </div>
          {kind && <div className="truncate text-[10px] text-slate-500">{kind}</div>}
        </div>
        {tags}
        <IssueBadges nodeId={id} />
      </header>
      {children && <div className="space-y-0.5 px-2.5 pb-1.5 leading-4 text-slate-700">{children}</div>}
      {side}
      <StatsStrip nodeId={id} />
      <BottomOutputs outputs={outputs} />
    </div>
  );
}
