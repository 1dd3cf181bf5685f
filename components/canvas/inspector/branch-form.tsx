"use client";

import { BRANCH_ELSE } from "@/server/journey/outputs";
import { freshName } from "../node-defaults";
import { ConditionEditor } from "./condition-editor";
import { TextField, buttonClass } from "./fields";
import type { FormProps } from "./form-props";
import { ListControls, moveItem } from "./list-controls";

export function BranchForm({ config, onChange }: FormProps<"branch">) {
  const { cases } = config;
  const setCases = (next: typeof cases) => onChange({ ...config, cases: next });
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-600">Cases are checked in order; the first that holds is taken. Nobody matches: {BRANCH_ELSE}.</p>
      <ol className="space-y-3">
        {cases.map((c, i) => (
          <li key={i} className="space-y-2 rounded-md border border-slate-200 p-2">
            <div className="flex items-end gap-2">
              <div className="min-w-0 flex-1">
                <TextField
                  label={`Case ${i + 1} name (output)`}
                  mono
                  value={c.name}
                  path={["cases", i, "name"]}
                  onChange={(name) => setCases(cases.map((x, j) => (j === i ? { ...x, name } : x)))}
                />
              </div>
              <ListControls
                label={`case ${c.name}`}
                index={i}
                count={cases.length}
                onMove={(to) => setCases(moveItem(cases, i, to))}
                onRemove={cases.length > 1 ? () => setCases(cases.filter((_, j) => j !== i)) : undefined}
              />
            </div>
            <ConditionEditor
              label="When"
              value={c.where}
              path={["cases", i, "where"]}
              onChange={(where) => where && setCases(cases.map((x, j) => (j === i ? { ...x, where } : x)))}
            />
          </li>
        ))}
      </ol>
      <button
        type="button"
        className={buttonClass}
        onClick={() => setCases([...cases, { name: freshName("case", cases.map((c) => c.name)), where: { field: "profile.country", op: "eq", value: "" } }])}
      >
        + Add case
      </button>
    </div>
  );
}
