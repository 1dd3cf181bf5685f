"use client";

/**
 * Makes one editor store per `<EditorStoreProvider>` and hands it to the editor's components.
 * The document is read once, at mount: to load another document (a conflict reload), remount
 * the editor with a new React `key`.
 */
import { createContext, useContext, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import type { Journey } from "@/server/journey/schema";
import { createEditorStore, type EditorActions, type EditorState, type EditorStore } from "./editor-store";

const EditorStoreContext = createContext<EditorStore | null>(null);

export function EditorStoreProvider({ document, readOnly, children }: { document: Journey; readOnly: boolean; children: ReactNode }) {
  const [store] = useState(() => createEditorStore({ doc: document, readOnly }));
  return <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>;
}

export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error("Editor components must be rendered inside <EditorStoreProvider>");
  return store;
}

/** Subscribe to one slice; return primitives or stable objects (or wrap with `useShallow`). */
export function useEditorStore<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}

export function useEditorActions(): EditorActions {
  return useEditorStore((s) => s.actions);
}
