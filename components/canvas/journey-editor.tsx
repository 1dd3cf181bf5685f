"use client";

/**
 * The journey editor: palette, canvas (with minimap and zoom controls) and a side panel with
 * the selected step, the journey's settings, its issues and a test run.
 *
 * The page owns loading and saving: `document` is read once at mount (remount with a new
 * `key` to load another, e.g. after a conflict), `onChange` receives the whole document after
 * every edit, valid or not (debounce autosave outside), and `onValidate` every validation
 * result (e.g. to enable "Publish"). With `readOnly` (analysts, published versions) nothing
 * can change: no palette, no dragging or connecting, forms disabled.
 */
import "@xyflow/react/dist/style.css";
import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { Journey } from "@/server/journey/schema";
import type { ValidationResult } from "@/server/journey/validate";
import { EditorEnvProvider, type SampleProfile, type SmsPrice } from "./editor-env";
import { EditorStoreProvider, useEditorStore, useEditorStoreApi } from "./editor-store-provider";
import { EditorToolbar, type SaveState } from "./editor-toolbar";
import type { NodeStats } from "./flow-types";
import { Inspector } from "./inspector";
import { TimeZoneList } from "./inspector/time-zone-list";
import { JourneyCanvas } from "./journey-canvas";
import { commandFor, isTextEntry } from "./keyboard-shortcuts";
import { Palette } from "./palette";
import { SettingsPanel } from "./settings-panel";
import { SimulatePanel, type OnSimulate } from "./simulate-panel";
import { useValidation } from "./use-validation";
import { ValidationPanel } from "./validation-panel";

export type { NodeStats } from "./flow-types";
export type { SampleProfile, SmsPrice } from "./editor-env";
export type { SaveState } from "./editor-toolbar";
export type { OnSimulate } from "./simulate-panel";

export type JourneyEditorProps = {
  document: Journey;
  readOnly?: boolean;
  onChange?: (doc: Journey) => void;
  onValidate?: (result: ValidationResult) => void;
  saveState?: SaveState;
  /** Profiles for message previews and test runs; the first is the default. */
  sampleProfiles?: readonly SampleProfile[];
  /** The workspace's profile attribute names, offered in the Liquid variable picker. */
  attributeNames?: readonly string[];
  /** Live counters per node id (published versions). */
  nodeStats?: Readonly<Record<string, NodeStats>>;
  /** Run a test remotely (e.g. the simulate API); without it, tests run in the browser. */
  onSimulate?: OnSimulate;
  /** The price of one SMS segment, for the cost hint under SMS texts. */
  smsPrice?: SmsPrice;
  /** Extra toolbar content (publish button, version switcher). */
  toolbarExtra?: ReactNode;
};

const NONE: readonly never[] = [];

const TABS = [
  ["step", "Step"],
  ["settings", "Journey"],
  ["issues", "Issues"],
  ["test", "Test"],
] as const;
type Tab = (typeof TABS)[number][0];

function IssueCount() {
  const errors = useEditorStore((s) => s.issues.errors.length);
  const warnings = useEditorStore((s) => s.issues.warnings.length);
  if (errors + warnings === 0) return null;
  return (
    <span className={`ml-1 rounded-full px-1.5 text-[10px] font-semibold ${errors > 0 ? "bg-red-600 text-white" : "bg-amber-400 text-amber-950"}`}>
      {errors + warnings}
    </span>
  );
}

function SidePanel({ tab, setTab, onSimulate }: { tab: Tab; setTab: (t: Tab) => void; onSimulate: OnSimulate | undefined }) {
  const id = useId();
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const index = TABS.findIndex(([t]) => t === tab);
    const next = TABS[(index + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    e.preventDefault();
    setTab(next[0]);
    document.getElementById(`${id}-tab-${next[0]}`)?.focus();
  };
  return (
    <aside className="flex w-[22rem] shrink-0 flex-col border-l border-slate-200 bg-white" aria-label="Journey details">
      <div role="tablist" aria-label="Panels" className="flex border-b border-slate-200" onKeyDown={onKeyDown}>
        {TABS.map(([value, label]) => (
          <button
            key={value}
            id={`${id}-tab-${value}`}
            type="button"
            role="tab"
            aria-selected={tab === value}
            aria-controls={`${id}-panel-${value}`}
            tabIndex={tab === value ? 0 : -1}
            onClick={() => setTab(value)}
            className={`flex-1 border-b-2 px-2 py-2 text-sm ${
              tab === value ? "border-brand-500 font-semibold text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {label}
            {value === "issues" && <IssueCount />}
          </button>
        ))}
      </div>
      {/* Panels stay mounted while hidden, so a test script or a half-typed JSON survives a tab switch. */}
      {TABS.map(([value]) => (
        <div
          key={value}
          id={`${id}-panel-${value}`}
          role="tabpanel"
          aria-labelledby={`${id}-tab-${value}`}
          hidden={tab !== value}
          className="min-h-0 flex-1 overflow-y-auto p-4"
        >
          {value === "step" && <Inspector />}
          {value === "settings" && <SettingsPanel />}
          {value === "issues" && <ValidationPanel />}
          {value === "test" && <SimulatePanel onSimulate={onSimulate} />}
        </div>
      ))}
    </aside>
  );
}

function EditorBody(props: JourneyEditorProps) {
  const { readOnly = false, nodeStats, onChange } = props;
  const store = useEditorStoreApi();
  const [tab, setTab] = useState<Tab>("step");
  const openInspector = useCallback(() => setTab("step"), []);
  const [sampleIndex, setSampleIndex] = useState(0);
  const attributeNames = props.attributeNames ?? NONE;
  const sampleProfiles = props.sampleProfiles ?? NONE;
  const env = useMemo(
    () => ({ attributeNames, sampleProfiles, smsPrice: props.smsPrice, sampleIndex, setSampleIndex }),
    [attributeNames, sampleProfiles, props.smsPrice, sampleIndex],
  );

  useEffect(() => store.getState().actions.setReadOnly(readOnly), [store, readOnly]);
  useEffect(() => store.getState().actions.setStats(nodeStats), [store, nodeStats]);

  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  useEffect(() => store.subscribe((s, prev) => s.doc !== prev.doc && onChangeRef.current?.(s.doc)), [store]);

  useValidation(props.onValidate);

  const canvasRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (isTextEntry(e.target)) return;
    const command = commandFor(e);
    if (!command) return;
    // Undo and redo work anywhere in the editor; the others act on the canvas selection, so
    // Delete on a focused panel button must not delete steps.
    const inCanvas = e.target instanceof Node && canvasRef.current?.contains(e.target);
    if (!inCanvas && command !== "undo" && command !== "redo") return;
    const { actions } = store.getState();
    e.preventDefault();
    // A command can remove the focused node; keep focus in the canvas so the next shortcut
    // (undo right after delete) still reaches the editor.
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) canvasRef.current?.focus({ preventScroll: true });
    });
    switch (command) {
      case "undo":
        return actions.undo();
      case "redo":
        return actions.redo();
      case "copy":
        return actions.copySelection();
      case "cut":
        return actions.cutSelection();
      case "paste":
        setTab("step");
        return actions.paste();
      case "delete":
        return actions.deleteSelection();
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  };

  return (
    <EditorEnvProvider value={env}>
      <div className="flex h-full min-h-[480px] flex-col overflow-hidden bg-slate-50" onKeyDown={onKeyDown}>
        <EditorToolbar saveState={props.saveState} extra={props.toolbarExtra} onShowIssues={() => setTab("issues")} />
        <div className="flex min-h-0 flex-1">
          {!readOnly && (
            <div className="w-44 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-3">
              <Palette />
            </div>
          )}
          {/* Focusable so that clicking the empty canvas keeps the shortcuts working. */}
          <div ref={canvasRef} className="relative min-w-0 flex-1 outline-none" tabIndex={-1}>
            <JourneyCanvas onOpenInspector={openInspector} />
          </div>
          <SidePanel tab={tab} setTab={setTab} onSimulate={props.onSimulate} />
        </div>
        <TimeZoneList />
      </div>
    </EditorEnvProvider>
  );
}

export function JourneyEditor(props: JourneyEditorProps) {
  return (
    <ReactFlowProvider>
      <EditorStoreProvider document={props.document} readOnly={props.readOnly ?? false}>
        <EditorBody {...props} />
      </EditorStoreProvider>
    </ReactFlowProvider>
  );
}
