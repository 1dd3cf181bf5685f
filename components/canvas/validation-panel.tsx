"use client";

/**
 * Errors (they block publishing) and warnings, each naming its step; a click selects the step
 * and brings it into view.
 */
import type { Issue } from "@/server/journey/validate";
import { useEditorStore, useEditorStoreApi } from "./editor-store-provider";
import { useFocusElement } from "./use-focus-element";

function IssueItem({ issue, level }: { issue: Issue; level: "error" | "warning" }) {
  const focus = useFocusElement();
  const store = useEditorStoreApi();
  const tone = level === "error" ? "border-red-200 bg-red-50 text-red-900" : "border-amber-200 bg-amber-50 text-amber-950";
  const go = () => {
    if (issue.nodeId !== undefined) return focus({ nodeId: issue.nodeId });
    const edge = store.getState().doc.edges.find((e) => e.id === issue.edgeId);
    if (edge) focus({ edgeId: edge.id, source: edge.source, target: edge.target });
  };
  const located = issue.nodeId !== undefined || issue.edgeId !== undefined;
  const body = (
    <>
      <span className="sr-only">{level === "error" ? "Error: " : "Warning: "}</span>
      <span className="block">{issue.message}</span>
      <span className="block font-mono text-[10px] opacity-70">{issue.code}</span>
    </>
  );
  return (
    <li>
      {located ? (
        <button type="button" onClick={go} className={`w-full rounded-md border px-2 py-1.5 text-left text-xs hover:brightness-95 ${tone}`}>
          {body}
        </button>
      ) : (
        <div className={`rounded-md border px-2 py-1.5 text-xs ${tone}`}>{body}</div>
      )}
    </li>
  );
}

export function ValidationPanel() {
  const errors = useEditorStore((s) => s.issues.errors);
  const warnings = useEditorStore((s) => s.issues.warnings);
  if (errors.length === 0 && warnings.length === 0) {
    return <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">No problems found. This journey can be published.</p>;
  }
  return (
    <div className="space-y-4">
      {errors.length > 0 && (
        <section className="space-y-1.5">
          <h2 className="text-xs font-semibold tracking-wide text-red-800 uppercase">
            {errors.length} {errors.length === 1 ? "error" : "errors"} — fix before publishing
          </h2>
          <ul className="space-y-1">
            {errors.map((issue, i) => (
              <IssueItem key={i} issue={issue} level="error" />
            ))}
          </ul>
        </section>
      )}
      {warnings.length > 0 && (
        <section className="space-y-1.5">
          <h2 className="text-xs font-semibold tracking-wide text-amber-800 uppercase">
            {warnings.length} {warnings.length === 1 ? "warning" : "warnings"}
          </h2>
          <ul className="space-y-1">
            {warnings.map((issue, i) => (
              <IssueItem key={i} issue={issue} level="warning" />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
