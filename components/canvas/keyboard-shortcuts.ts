/**
 * The editor's keyboard commands. Ctrl and Cmd both count, so the same keys work on every
 * platform without sniffing it.
 */
export type EditorCommand = "undo" | "redo" | "copy" | "cut" | "paste" | "delete";

export type KeyPress = { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

export function commandFor(e: KeyPress): EditorCommand | undefined {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (e.altKey) return undefined;
  if (!mod) return key === "delete" || key === "backspace" ? "delete" : undefined;
  if (key === "z") return e.shiftKey ? "redo" : "undo";
  if (key === "y" && !e.shiftKey) return "redo";
  if (e.shiftKey) return undefined;
  if (key === "c") return "copy";
  if (key === "x") return "cut";
  if (key === "v") return "paste";
  return undefined;
}

/** Typing in a form field keeps the browser's own undo, copy and delete. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as { closest?: unknown }).closest !== "function") return false;
  return (target as Element).closest("input, textarea, select, [contenteditable=''], [contenteditable='true']") !== null;
}
