"use client";

import { useState } from "react";

/** Copies `value`; says so visibly and to screen readers, and says so too when the browser refuses. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      // No clipboard outside secure contexts, or permission denied.
      setState("failed");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={() => void copy()}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
        {state === "copied" ? "Copied" : label}
      </button>
      <span role="status" className={state === "failed" ? "text-xs text-red-700" : "sr-only"}>
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Couldn't copy: select the text and copy it by hand." : ""}
      </span>
    </span>
  );
}
