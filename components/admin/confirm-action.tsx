"use client";

import { useState } from "react";

type ConfirmActionProps = {
  /** Visible text of the first button, e.g. "Remove". */
  label: string;
  /** Its accessible name, naming the row it acts on, e.g. "Remove ada@example.com". */
  accessibleLabel: string;
  /** The question asked before acting, e.g. "Remove ada@example.com?"; names the confirm group. */
  question: string;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
};

/**
 * A destructive action that asks first, in place. Inline rather than window.confirm so it
 * matches the app's look and works the same for mouse, keyboard and automated browsers.
 */
export function ConfirmAction({ label, accessibleLabel, question, confirmLabel, pending, onConfirm }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" aria-label={accessibleLabel} onClick={() => setAsking(true)}
        className="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50">
        {label}
      </button>
    );
  }
  return (
    <span role="group" aria-label={question} title={question} className="inline-flex items-center gap-2 whitespace-nowrap">
      <button type="button" disabled={pending} onClick={onConfirm}
        className="rounded-md bg-red-600 px-2.5 py-1 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60">
        {pending ? "Working…" : confirmLabel}
      </button>
      {/* Focus lands on the harmless choice. */}
      <button type="button" autoFocus disabled={pending} onClick={() => setAsking(false)}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Cancel
      </button>
    </span>
  );
}
