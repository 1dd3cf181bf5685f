"use client";

/**
 * What the editor draws over a node besides its config: validation badges, live counters and
 * the simulated path. Each reads only its own node's slice of the store.
 */
import { memo } from "react";
import { useEditorStore } from "../editor-store-provider";
import type { NodeStats, PathState } from "../flow-types";

/** Whether a simulation is shown and, if so, whether this node is on its path. */
export function useNodePathState(id: string): PathState {
  return useEditorStore((s) => (!s.highlight ? "none" : s.highlight.nodes.has(id) ? "lit" : "dim"));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export const IssueBadges = memo(function IssueBadges({ nodeId }: { nodeId: string }) {
  const group = useEditorStore((s) => s.issues.byNode[nodeId]);
  if (!group || (group.errors.length === 0 && group.warnings.length === 0)) return null;
  const describe = (list: readonly { message: string }[]) => list.map((i) => i.message).join("\n");
  return (
    <span className="flex shrink-0 gap-1">
      {group.errors.length > 0 && (
        <span
          role="img"
          aria-label={`${plural(group.errors.length, "error")}: ${describe(group.errors)}`}
          title={describe(group.errors)}
          className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-semibold text-white"
        >
          {group.errors.length}
        </span>
      )}
      {group.warnings.length > 0 && (
        <span
          role="img"
          aria-label={`${plural(group.warnings.length, "warning")}: ${describe(group.warnings)}`}
          title={describe(group.warnings)}
          className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-amber-400 px-1 text-[11px] font-semibold text-amber-950"
        >
          {group.warnings.length}
        </span>
      )}
    </span>
  );
});

const STAT_LABELS: [keyof NodeStats, string, string][] = [
  ["entered", "entered", "text-slate-700"],
  ["sent", "sent", "text-slate-700"],
  ["delivered", "delivered", "text-emerald-700"],
  ["failed", "failed", "text-red-700"],
  ["fallbackTaken", "fallback", "text-amber-700"],
  ["converted", "converted", "text-violet-700"],
];

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

export const StatsStrip = memo(function StatsStrip({ nodeId }: { nodeId: string }) {
  const stats = useEditorStore((s) => s.stats?.[nodeId]);
  if (!stats) return null;
  const shown = STAT_LABELS.filter(([key]) => stats[key] !== undefined);
  if (shown.length === 0) return null;
  return (
    <dl className="flex flex-wrap gap-x-2 gap-y-0.5 border-t border-slate-100 bg-slate-50 px-3 py-1.5 text-[11px]" aria-label="Live counts">
      {shown.map(([key, label, tone]) => (
        <div key={key} className="flex gap-1">
          <dt className="text-slate-500">{label}</dt>
          <dd className={`font-semibold tabular-nums ${tone}`}>{compact.format(stats[key] ?? 0)}</dd>
        </div>
      ))}
    </dl>
  );
});
