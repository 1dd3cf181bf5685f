"use client";

/** The ready-made journeys (`journeys.templates`), one card each, in the gallery's order. */
import { useQuery } from "@tanstack/react-query";
import { ALERT_CLASS } from "@/components/admin/field-styles";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import { SECONDARY_BUTTON_CLASS } from "./button-styles";

export function TemplateGallery({ pendingKey, disabled, onUse }: { pendingKey: string | undefined; disabled: boolean; onUse: (templateKey: string) => void }) {
  const trpc = useTRPC();
  const templates = useQuery(trpc.journeys.templates.queryOptions());
  if (templates.error) return <p role="alert" className={ALERT_CLASS}>{errorMessage(templates.error)}</p>;
  if (!templates.data) return <p className="text-sm text-slate-500">Loading templates…</p>;
  return (
    <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label="Templates">
      {templates.data.map((t) => (
        <li key={t.key} className="flex flex-col rounded-lg border border-slate-200 bg-white p-3">
          <p className="text-[11px] font-semibold uppercase tracking-wide text-brand-700">{t.category}</p>
          <h3 className="mt-0.5 text-sm font-semibold text-slate-900">{t.title}</h3>
          <p className="mt-1 flex-1 text-xs leading-5 text-slate-600">{t.summary}</p>
          <div className="mt-2 flex items-center justify-between gap-2">
            <span className="text-xs text-slate-500">{t.nodeCount} steps</span>
            <button
              type="button"
              className={SECONDARY_BUTTON_CLASS}
              disabled={disabled}
              aria-label={`Use the ${t.title} template`}
              onClick={() => onUse(t.key)}
            >
              {pendingKey === t.key ? "Creating…" : "Use template"}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
