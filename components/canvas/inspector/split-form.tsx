"use client";

import { evenSplit, freshName } from "../node-defaults";
import { IssueList, NumberField, TextField, buttonClass, useIssuesAt } from "./fields";
import type { FormProps } from "./form-props";
import { ListControls, moveItem } from "./list-controls";

export function SplitForm({ config, onChange }: FormProps<"split">) {
  const { variants } = config;
  const setVariants = (next: typeof variants) => onChange({ ...config, variants: next });
  const total = variants.reduce((sum, v) => sum + (Number.isFinite(v.percent) ? v.percent : 0), 0);
  const listIssues = useIssuesAt(["variants"]).filter((i) => i.path.length === 1);
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-600">Each profile lands in the same variant every time it is split.</p>
      <ol className="space-y-2">
        {variants.map((v, i) => (
          <li key={i} className="flex items-end gap-2">
            <div className="min-w-0 flex-1">
              <TextField
                label={`Variant ${i + 1} (output)`}
                mono
                value={v.name}
                path={["variants", i, "name"]}
                onChange={(name) => setVariants(variants.map((x, j) => (j === i ? { ...x, name } : x)))}
              />
            </div>
            <div className="w-20">
              <NumberField
                label="%"
                min={0}
                max={100}
                value={v.percent}
                path={["variants", i, "percent"]}
                onChange={(percent) => setVariants(variants.map((x, j) => (j === i ? { ...x, percent: percent ?? 0 } : x)))}
              />
            </div>
            <ListControls
              label={`variant ${v.name}`}
              index={i}
              count={variants.length}
              onMove={(to) => setVariants(moveItem(variants, i, to))}
              onRemove={variants.length > 1 ? () => setVariants(variants.filter((_, j) => j !== i)) : undefined}
            />
          </li>
        ))}
      </ol>
      <p className={`text-xs font-medium ${total === 100 ? "text-emerald-700" : "text-red-700"}`} aria-live="polite">
        Total {total}%{total === 100 ? "" : " — must be 100%"}
      </p>
      <IssueList issues={listIssues} />
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass}
          onClick={() => {
            const names = [...variants.map((v) => v.name), freshName("variant", variants.map((v) => v.name))];
            const percents = evenSplit(names.length);
            setVariants(names.map((name, i) => ({ name, percent: percents[i] ?? 0 })));
          }}
        >
          + Add variant
        </button>
        <button
          type="button"
          className={buttonClass}
          onClick={() => {
            const percents = evenSplit(variants.length);
            setVariants(variants.map((v, i) => ({ ...v, percent: percents[i] ?? 0 })));
          }}
        >
          Split evenly
        </button>
      </div>
    </div>
  );
}
