"use client";

/** Which document the editor shows: the draft, or a published version (read-only). */
import { useId } from "react";
import { formatDateTime } from "@/components/shell/format-date";

export type EditorView = { kind: "draft" } | { kind: "version"; version: number };

export type VersionSummary = { version: number; publishedAt: Date | string; publishedBy: string | null };

export function VersionPicker(props: {
  view: EditorView;
  versions: readonly VersionSummary[];
  liveVersion: number | null;
  onChange: (view: EditorView) => void;
}) {
  const id = useId();
  if (props.versions.length === 0) return null;
  return (
    <span className="flex items-center gap-1">
      <label htmlFor={id} className="text-xs text-slate-600">
        Version
      </label>
      <select
        id={id}
        className="max-w-56 rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs text-slate-800"
        value={props.view.kind === "draft" ? "draft" : String(props.view.version)}
        onChange={(e) => props.onChange(e.target.value === "draft" ? { kind: "draft" } : { kind: "version", version: Number(e.target.value) })}
      >
        <option value="draft">Draft</option>
        {props.versions.map((v) => (
          <option key={v.version} value={v.version}>
            {`v${v.version}${v.version === props.liveVersion ? " (live)" : ""} · ${formatDateTime(v.publishedAt)}${v.publishedBy ? ` · ${v.publishedBy}` : ""}`}
          </option>
        ))}
      </select>
    </span>
  );
}
