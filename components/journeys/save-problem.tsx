"use client";

/**
 * What the page says when the draft is not saved: a conflict (someone else saved; reload theirs
 * or overwrite with yours), a failure being retried, or a document that cannot be stored yet.
 */
import { PRIMARY_BUTTON_CLASS } from "@/components/admin/field-styles";
import type { AutosaveStatus } from "./autosave";
import { SECONDARY_BUTTON_CLASS } from "./button-styles";

export function SaveProblem(props: { status: AutosaveStatus; busy: boolean; error?: string; onReload: () => void; onOverwrite: () => void }) {
  const { status } = props;
  switch (status.state) {
    case "saved":
    case "saving":
      return null;
    case "conflict":
      return (
        <div role="alert" className="flex flex-wrap items-center gap-3 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
          <p className="min-w-0 flex-1">
            <span className="font-semibold">Someone else saved this journey after you opened it.</span> Your latest changes are still here but not
            saved. Reload to see their version (your unsaved changes are dropped), or overwrite theirs with yours.
            {props.error ? <span className="mt-1 block text-red-800">Could not reload: {props.error}</span> : null}
          </p>
          <button type="button" className={SECONDARY_BUTTON_CLASS} disabled={props.busy} onClick={props.onReload}>
            Reload their version
          </button>
          <button type="button" className={PRIMARY_BUTTON_CLASS} disabled={props.busy} onClick={props.onOverwrite}>
            Overwrite with mine
          </button>
        </div>
      );
    case "error":
      return (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          Your changes are not saved yet: {status.message} Retrying in a few seconds.
        </p>
      );
    case "invalid":
      return (
        <p role="status" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          Not saved: a required field is empty or malformed. Fix the fields marked in red (see Issues) and saving resumes.
        </p>
      );
    default: {
      const _exhaustive: never = status;
      return _exhaustive;
    }
  }
}
