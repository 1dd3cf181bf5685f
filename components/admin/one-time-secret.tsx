"use client";

import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

type OneTimeSecretProps = {
  title: string;
  /** Why this is the only chance to see it, and who it is for. */
  message: ReactNode;
  secret: string;
  copyLabel: string;
  onDismiss: () => void;
};

/** A secret the server returns exactly once (a password, an API key), kept only in this component. */
export function OneTimeSecret({ title, message, secret, copyLabel, onDismiss }: OneTimeSecretProps) {
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-semibold text-amber-900">{title}</p>
      <p className="mt-1 text-sm text-amber-900">{message}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <code className="select-all break-all rounded-md border border-amber-200 bg-white px-3 py-1.5 font-mono text-sm text-slate-900">{secret}</code>
        <CopyButton value={secret} label={copyLabel} />
        <button type="button" onClick={onDismiss} className="ml-auto text-sm font-medium text-amber-900 underline-offset-2 hover:underline">
          Done
        </button>
      </div>
    </div>
  );
}
