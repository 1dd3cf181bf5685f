"use client";

/**
 * The side panel for the selection: a form for one step (driven by its zod schema, issues
 * shown at each field), an edge's ends, or what to do with several steps.
 */
import { useDeferredValue, useMemo, type ReactNode } from "react";
import type { NodeOf, NodeType } from "@/server/journey/schema";
import { useEditorActions, useEditorStore } from "./editor-store-provider";
import { NODE_CATALOG } from "./node-catalog";
import { CHANNEL_LABELS } from "./node-summary";
import { ChannelIcon, NodeTypeIcon } from "./nodes/node-icons";
import { BranchForm } from "./inspector/branch-form";
import { configIssues } from "./inspector/config-issues";
import { IssuesProvider, TextField, buttonClass } from "./inspector/fields";
import type { FormProps } from "./inspector/form-props";
import { SendForm } from "./inspector/send-form";
import { SplitForm } from "./inspector/split-form";
import { TriggerForm } from "./inspector/trigger-form";
import { UpdateProfileForm } from "./inspector/update-profile-form";
import { WaitForm } from "./inspector/wait-form";
import { WebhookForm } from "./inspector/webhook-form";

type Draft = { [T in NodeType]: { type: T } & FormProps<T> }[NodeType];

function NodeForm(draft: Draft): ReactNode {
  switch (draft.type) {
    case "trigger":
      return <TriggerForm {...draft} />;
    case "wait":
      return <WaitForm {...draft} />;
    case "send":
      return <SendForm {...draft} />;
    case "branch":
      return <BranchForm {...draft} />;
    case "split":
      return <SplitForm {...draft} />;
    case "update_profile":
      return <UpdateProfileForm {...draft} />;
    case "webhook":
      return <WebhookForm {...draft} />;
    case "exit":
      return <p className="text-sm text-slate-600">Runs that reach this step end here.</p>;
    default: {
      const _exhaustive: never = draft;
      return _exhaustive;
    }
  }
}

function GraphIssues({ nodeId }: { nodeId: string }) {
  const group = useEditorStore((s) => s.issues.byNode[nodeId]);
  if (!group || (group.errors.length === 0 && group.warnings.length === 0)) return null;
  return (
    <ul className="space-y-1 text-xs" aria-label="Problems with this step">
      {group.errors.map((i, n) => (
        <li key={`e${n}`} className="rounded-md bg-red-50 px-2 py-1 text-red-800">
          {i.message}
        </li>
      ))}
      {group.warnings.map((i, n) => (
        <li key={`w${n}`} className="rounded-md bg-amber-50 px-2 py-1 text-amber-900">
          {i.message}
        </li>
      ))}
    </ul>
  );
}

function NodeInspector({ nodeId }: { nodeId: string }) {
  // Three narrow subscriptions: moving the node changes none of them.
  const type = useEditorStore((s) => s.doc.nodes.find((n) => n.id === nodeId)?.type);
  const config = useEditorStore((s) => s.doc.nodes.find((n) => n.id === nodeId)?.config);
  const label = useEditorStore((s) => s.doc.nodes.find((n) => n.id === nodeId)?.label);
  const readOnly = useEditorStore((s) => s.readOnly);
  const actions = useEditorActions();
  const issues = useMemo(() => (type && config ? configIssues(type, config) : []), [type, config]);
  if (!type || !config) return null;

  const channel = type === "send" ? (config as NodeOf<"send">["config"]).channel : undefined;
  const draft = { type, nodeId, config, onChange: (next: unknown) => actions.updateNodeConfig(nodeId, next as typeof config) } as Draft;

  return (
    <div className="space-y-4" onBlur={actions.endGesture}>
      <header className="flex items-center gap-2">
        <span className={`flex h-8 w-8 items-center justify-center rounded-md ${NODE_CATALOG[type].chip}`}>
          {channel ? <ChannelIcon channel={channel} /> : <NodeTypeIcon type={type} />}
        </span>
        <div className="min-w-0">
          <h2 className="text-sm font-semibold text-slate-900">
            {NODE_CATALOG[type].title}
            {channel ? ` · ${CHANNEL_LABELS[channel]}` : ""}
          </h2>
          <p className="truncate font-mono text-xs text-slate-500" title="Step id (used in exports and run logs)">
            {nodeId}
          </p>
        </div>
      </header>
      <GraphIssues nodeId={nodeId} />
      <fieldset disabled={readOnly} className="space-y-4">
        <TextField label="Name on the canvas" value={label ?? ""} placeholder={NODE_CATALOG[type].title} onChange={(v) => actions.updateNodeLabel(nodeId, v)} />
        <IssuesProvider issues={issues}>
          <NodeForm {...draft} />
        </IssuesProvider>
        {!readOnly && (
          <div className="flex gap-2 border-t border-slate-200 pt-3">
            <button
              type="button"
              className={buttonClass}
              onClick={() => actions.duplicate([nodeId])}
            >
              Duplicate
            </button>
            <button
              type="button"
              className={`${buttonClass} text-red-700`}
              onClick={() => {
                actions.select({ nodes: [nodeId], edges: [] });
                actions.deleteSelection();
              }}
            >
              Delete step
            </button>
          </div>
        )}
      </fieldset>
    </div>
  );
}

function EdgeInspector({ edgeId }: { edgeId: string }) {
  const edge = useEditorStore((s) => s.doc.edges.find((e) => e.id === edgeId));
  const readOnly = useEditorStore((s) => s.readOnly);
  const issues = useEditorStore((s) => s.issues.byEdge[edgeId]);
  const actions = useEditorActions();
  if (!edge) return null;
  return (
    <div className="space-y-3 text-sm">
      <h2 className="font-semibold">Connection</h2>
      <p>
        <span className="font-mono">{edge.source}</span> → <span className="font-mono text-xs">{edge.sourceHandle}</span> →{" "}
        <span className="font-mono">{edge.target}</span>
      </p>
      {issues?.errors.map((i, n) => (
        <p key={n} className="rounded-md bg-red-50 px-2 py-1 text-xs text-red-800">
          {i.message}
        </p>
      ))}
      {!readOnly && (
        <button type="button" className={`${buttonClass} text-red-700`} onClick={() => actions.disconnect([edgeId])}>
          Remove connection
        </button>
      )}
    </div>
  );
}

export function Inspector() {
  // A form renders in the background after the canvas shows the new selection: pressing on a
  // step to drag it selects it, and its form must not hold up the drag's first frames.
  const selection = useDeferredValue(useEditorStore((s) => s.selection));
  const readOnly = useEditorStore((s) => s.readOnly);
  const actions = useEditorActions();
  const [only] = selection.nodes;
  if (selection.nodes.length === 1 && only !== undefined) return <NodeInspector key={only} nodeId={only} />;
  const [edge] = selection.edges;
  if (selection.nodes.length === 0 && selection.edges.length === 1 && edge !== undefined) return <EdgeInspector edgeId={edge} />;
  if (selection.nodes.length > 1 || selection.edges.length > 1) {
    return (
      <div className="space-y-3 text-sm">
        <p>
          {selection.nodes.length} steps and {selection.edges.length} connections selected.
        </p>
        {!readOnly && (
          <div className="flex gap-2">
            <button type="button" className={buttonClass} onClick={actions.copySelection}>
              Copy
            </button>
            <button type="button" className={`${buttonClass} text-red-700`} onClick={actions.deleteSelection}>
              Delete
            </button>
          </div>
        )}
      </div>
    );
  }
  return (
    <p className="text-sm text-slate-500">
      {readOnly
        ? "Select a step on the canvas to see its settings."
        : "Select a step on the canvas to edit it. Add steps from the palette: click to add after the selected step, or drag onto the canvas."}
    </p>
  );
}
