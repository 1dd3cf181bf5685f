"use client";

/**
 * The bar above the canvas: name, save state, undo/redo, auto-layout, fit, issue counts, and
 * whatever the page adds (publish button, version picker).
 */
import { useReactFlow } from "@xyflow/react";
import { useState, type ReactNode } from "react";
import { autoLayout } from "./auto-layout";
import { useEditorActions, useEditorStore, useEditorStoreApi } from "./editor-store-provider";
import { buttonClass } from "./inspector/fields";

export type SaveState = "saving" | "saved" | "error" | "conflict";

const SAVE_TEXT: Record<SaveState, { text: string; tone: string }> = {
  saving: { text: "Saving…", tone: "text-slate-500" },
  saved: { text: "All changes saved", tone: "text-slate-500" },
  error: { text: "Not saved: retrying", tone: "text-red-700" },
  conflict: { text: "Someone else changed this journey", tone: "text-amber-800" },
};

export function EditorToolbar(props: { saveState?: SaveState; extra?: ReactNode; onShowIssues: () => void }) {
  const name = useEditorStore((s) => s.doc.name);
  const readOnly = useEditorStore((s) => s.readOnly);
  const canUndo = useEditorStore((s) => s.past.length > 0);
  const canRedo = useEditorStore((s) => s.future.length > 0);
  const errors = useEditorStore((s) => s.issues.errors.length);
  const warnings = useEditorStore((s) => s.issues.warnings.length);
  const store = useEditorStoreApi();
  const { undo, redo, applyLayout } = useEditorActions();
  const { fitView } = useReactFlow();
  const [layingOut, setLayingOut] = useState(false);

  const tidy = async () => {
    setLayingOut(true);
    try {
      const { doc, measured } = store.getState();
      const sizes = Object.fromEntries(
        Object.entries(measured).flatMap(([id, m]) => (m.width && m.height ? [[id, { width: m.width, height: m.height }]] : [])),
      );
      applyLayout(await autoLayout(doc, sizes));
      requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1, duration: 300 }));
    } finally {
      setLayingOut(false);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-3 py-2">
      <h1 className="min-w-0 truncate text-base font-semibold text-slate-900" title={name}>
        {name}
      </h1>
      {readOnly ? (
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">View only</span>
      ) : (
        props.saveState && (
          <span role="status" className={`text-xs ${SAVE_TEXT[props.saveState].tone}`}>
            {SAVE_TEXT[props.saveState].text}
          </span>
        )
      )}
      <div className="ml-auto flex flex-wrap items-center gap-1.5">
        {!readOnly && (
          <>
            <button type="button" className={buttonClass} onClick={undo} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl/⌘+Z)">
              ↶ Undo
            </button>
            <button type="button" className={buttonClass} onClick={redo} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl/⌘+Shift+Z)">
              ↷ Redo
            </button>
            <button type="button" className={buttonClass} onClick={tidy} disabled={layingOut} aria-label="Auto-layout the journey" title="Tidy the layout top-down">
              Auto-layout
            </button>
          </>
        )}
        <button type="button" className={buttonClass} onClick={() => void fitView({ padding: 0.2, maxZoom: 1, duration: 300 })} aria-label="Fit the journey in view">
          Fit
        </button>
        <button
          type="button"
          className={`${buttonClass} ${errors > 0 ? "border-red-300 text-red-800" : warnings > 0 ? "border-amber-300 text-amber-900" : "text-emerald-800"}`}
          onClick={props.onShowIssues}
          aria-label={`${errors} errors and ${warnings} warnings: show the list`}
        >
          {errors === 0 && warnings === 0 ? "✓ No issues" : `${errors} errors · ${warnings} warnings`}
        </button>
        {props.extra}
      </div>
    </div>
  );
}
