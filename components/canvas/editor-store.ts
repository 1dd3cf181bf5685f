/**
 * The state of one journey editor: the document, selection, undo/redo history, clipboard and
 * the decorations drawn over the canvas (validation issues, live stats, simulated path).
 *
 * One store per editor (made in `EditorStoreProvider`), read through narrow selectors: a node
 * component subscribes to its own issues and stats, never to the whole document, so dragging
 * one node re-renders one node. Edits go through the pure functions of `journey-edits.ts`;
 * this file only adds history and selection. Vanilla zustand, so tests need no DOM.
 */
import { createStore } from "zustand/vanilla";
import type { Journey, NodeOf, NodeType } from "@/server/journey/schema";
import type { Measured } from "./flow-conversion";
import type { NodeStats } from "./flow-types";
import { EMPTY_ISSUES, type IssueIndex } from "./issue-index";
import {
  addNode,
  addSmsFallback,
  connect,
  copyNodes,
  deleteElements,
  disconnect,
  moveNodes,
  PASTE_OFFSET,
  pasteNodes,
  reconnect,
  updateNodeConfig,
  updateNodeLabel,
  updateSettings,
  type AddNodeInput,
  type Clipboard,
  type Connection,
  type JourneySettings,
  type XY,
} from "./journey-edits";
import type { PathHighlight } from "./simulation-highlight";

/** How many edits undo remembers; each is a structurally shared journey, so this is cheap. */
export const HISTORY_LIMIT = 200;

export type Selection = { nodes: readonly string[]; edges: readonly string[] };
const NO_SELECTION: Selection = { nodes: [], edges: [] };

export type EditorActions = {
  undo(): void;
  redo(): void;
  /** Close the current coalesced edit (end of a drag, blur of a field): the next edit is a new undo step. */
  endGesture(): void;
  select(selection: Selection): void;
  setMeasured(sizes: Readonly<Record<string, Measured>>): void;
  addNode(input: AddNodeInput): string | undefined;
  connect(c: Connection): void;
  reconnect(edgeId: string, c: Connection): void;
  disconnect(edgeIds: readonly string[]): void;
  deleteSelection(): void;
  /** Positions while dragging coalesce into one undo step until `endGesture`. */
  moveNodes(positions: Readonly<Record<string, XY>>): void;
  /** A whole new layout (auto-layout): one undo step. */
  applyLayout(positions: Readonly<Record<string, XY>>): void;
  updateNodeConfig<T extends NodeType>(nodeId: string, config: NodeOf<T>["config"]): void;
  updateNodeLabel(nodeId: string, label: string): void;
  updateSettings(patch: Partial<JourneySettings>): void;
  copySelection(): void;
  cutSelection(): void;
  paste(): void;
  /** Copies of these nodes (and the edges between them), leaving the clipboard alone. */
  duplicate(nodeIds: readonly string[]): void;
  addSmsFallback(sendId: string): string | undefined;
  setReadOnly(readOnly: boolean): void;
  setIssues(issues: IssueIndex): void;
  setStats(stats: Readonly<Record<string, NodeStats>> | undefined): void;
  setHighlight(highlight: PathHighlight | undefined): void;
};

export type EditorState = {
  doc: Journey;
  readOnly: boolean;
  selection: Selection;
  /** Rendered node sizes reported by React Flow; kept outside the document and the history. */
  measured: Readonly<Record<string, Measured>>;
  past: readonly Journey[];
  future: readonly Journey[];
  /** Consecutive edits with the same key (typing in one field, one drag) are one undo step. */
  coalesceKey: string | undefined;
  clipboard: Clipboard | undefined;
  /** Pastes of the current clipboard so far: each lands a little further off, not on the last. */
  pastes: number;
  issues: IssueIndex;
  stats: Readonly<Record<string, NodeStats>> | undefined;
  highlight: PathHighlight | undefined;
  actions: EditorActions;
};

export type EditorStore = ReturnType<typeof createEditorStore>;

function pruneSelection(selection: Selection, doc: Journey): Selection {
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  const edgeIds = new Set(doc.edges.map((e) => e.id));
  const nodes = selection.nodes.filter((id) => nodeIds.has(id));
  const edges = selection.edges.filter((id) => edgeIds.has(id));
  return nodes.length === selection.nodes.length && edges.length === selection.edges.length ? selection : { nodes, edges };
}

export function createEditorStore(init: { doc: Journey; readOnly?: boolean }) {
  return createStore<EditorState>()((set, get) => {
    /**
     * Record an edit. The previous document goes on the undo stack unless this edit continues
     * the current coalesced one; redo is cleared. No-ops (same object) and read-only are ignored.
     */
    function commit(next: Journey, opts: { coalesce?: string; selection?: Selection } = {}) {
      const s = get();
      if (s.readOnly || next === s.doc) return;
      const continues = opts.coalesce !== undefined && opts.coalesce === s.coalesceKey;
      set({
        doc: next,
        past: continues ? s.past : [...s.past, s.doc].slice(-HISTORY_LIMIT),
        future: [],
        coalesceKey: opts.coalesce,
        selection: opts.selection ?? pruneSelection(s.selection, next),
      });
    }

    const actions: EditorActions = {
      undo() {
        const s = get();
        const previous = s.past[s.past.length - 1];
        if (s.readOnly || !previous) return;
        set({
          doc: previous,
          past: s.past.slice(0, -1),
          future: [s.doc, ...s.future],
          coalesceKey: undefined,
          selection: pruneSelection(s.selection, previous),
        });
      },
      redo() {
        const s = get();
        const [next, ...rest] = s.future;
        if (s.readOnly || !next) return;
        set({
          doc: next,
          past: [...s.past, s.doc],
          future: rest,
          coalesceKey: undefined,
          selection: pruneSelection(s.selection, next),
        });
      },
      endGesture() {
        if (get().coalesceKey !== undefined) set({ coalesceKey: undefined });
      },
      select(selection) {
        set({ selection });
      },
      setMeasured(sizes) {
        const current = get().measured;
        // Unchanged sizes keep their object, so the node they belong to is not re-created.
        const changed = Object.entries(sizes).filter(([id, size]) => current[id]?.width !== size.width || current[id]?.height !== size.height);
        if (changed.length > 0) set({ measured: { ...current, ...Object.fromEntries(changed) } });
      },
      addNode(input) {
        if (get().readOnly) return undefined;
        const { journey, nodeId } = addNode(get().doc, input);
        commit(journey, { selection: { nodes: [nodeId], edges: [] } });
        return nodeId;
      },
      connect(c) {
        commit(connect(get().doc, c));
      },
      reconnect(edgeId, c) {
        commit(reconnect(get().doc, edgeId, c));
      },
      disconnect(edgeIds) {
        commit(disconnect(get().doc, edgeIds));
      },
      deleteSelection() {
        const { doc, selection } = get();
        commit(deleteElements(doc, { nodeIds: selection.nodes, edgeIds: selection.edges }), { selection: NO_SELECTION });
      },
      moveNodes(positions) {
        commit(moveNodes(get().doc, positions), { coalesce: `move:${Object.keys(positions).sort().join(",")}` });
      },
      applyLayout(positions) {
        commit(moveNodes(get().doc, positions));
      },
      updateNodeConfig(nodeId, config) {
        commit(updateNodeConfig(get().doc, nodeId, config), { coalesce: `config:${nodeId}` });
      },
      updateNodeLabel(nodeId, label) {
        commit(updateNodeLabel(get().doc, nodeId, label), { coalesce: `label:${nodeId}` });
      },
      updateSettings(patch) {
        commit(updateSettings(get().doc, patch), { coalesce: `settings:${Object.keys(patch).sort().join(",")}` });
      },
      copySelection() {
        const { doc, selection } = get();
        if (selection.nodes.length === 0) return;
        set({ clipboard: copyNodes(doc, selection.nodes), pastes: 0 });
      },
      cutSelection() {
        actions.copySelection();
        actions.deleteSelection();
      },
      paste() {
        const { doc, clipboard, pastes, readOnly } = get();
        if (!clipboard || readOnly) return;
        const shift = PASTE_OFFSET * (pastes + 1);
        const pasted = pasteNodes(doc, clipboard, { x: shift, y: shift });
        commit(pasted.journey, { selection: { nodes: pasted.nodeIds, edges: [] } });
        set({ pastes: pastes + 1 });
      },
      duplicate(nodeIds) {
        const { doc } = get();
        const pasted = pasteNodes(doc, copyNodes(doc, nodeIds));
        commit(pasted.journey, { selection: { nodes: pasted.nodeIds, edges: [] } });
      },
      addSmsFallback(sendId) {
        if (get().readOnly) return undefined;
        const added = addSmsFallback(get().doc, sendId);
        if (!added) return undefined;
        commit(added.journey, { selection: { nodes: [added.nodeId], edges: [] } });
        return added.nodeId;
      },
      setReadOnly(readOnly) {
        set({ readOnly, coalesceKey: undefined });
      },
      setIssues(issues) {
        set({ issues });
      },
      setStats(stats) {
        set({ stats });
      },
      setHighlight(highlight) {
        set({ highlight });
      },
    };

    return {
      doc: init.doc,
      readOnly: init.readOnly ?? false,
      selection: NO_SELECTION,
      measured: {},
      past: [],
      future: [],
      coalesceKey: undefined,
      clipboard: undefined,
      pastes: 0,
      issues: EMPTY_ISSUES,
      stats: undefined,
      highlight: undefined,
      actions,
    };
  });
}
