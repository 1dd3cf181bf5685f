"use client";

import { useIssuesAt, IssueList, buttonClass, inputClass } from "./fields";
import type { FormProps } from "./form-props";
import { attrKind, attrValue, fromRows, toRows, type AttrKind } from "./key-value-rows";

const KINDS: { value: AttrKind; label: string }[] = [
  { value: "text", label: "text / Liquid" },
  { value: "number", label: "number" },
  { value: "true", label: "true" },
  { value: "false", label: "false" },
  { value: "null", label: "clear" },
];

export function UpdateProfileForm({ config, onChange }: FormProps<"update_profile">) {
  const rows = toRows(config.set);
  const issues = useIssuesAt(["set"]);
  const setRows = (next: typeof rows) => onChange({ ...config, set: fromRows(next) });
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-600">
        Text values are Liquid: <code className="font-mono">{"{{ event.plan }}"}</code> copies the event’s plan.
      </p>
      <ul className="space-y-1.5">
        {rows.map((row, i) => {
          const kind = attrKind(row.value);
          return (
            <li key={i} className="flex gap-1">
              <input
                className={`${inputClass} w-1/3 font-mono`}
                aria-label={`Attribute ${i + 1} name`}
                value={row.key}
                onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
              />
              <select
                className={`${inputClass} w-24`}
                aria-label={`Attribute ${i + 1} type`}
                value={kind}
                onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, value: attrValue(e.target.value as AttrKind, String(r.value ?? "")) } : r)))}
              >
                {KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </select>
              {(kind === "text" || kind === "number") && (
                <input
                  className={`${inputClass} min-w-0 flex-1 ${kind === "text" ? "font-mono" : ""}`}
                  type={kind === "number" ? "number" : "text"}
                  aria-label={`Attribute ${i + 1} value`}
                  value={String(row.value)}
                  onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, value: attrValue(kind, e.target.value) } : r)))}
                />
              )}
              <button
                type="button"
                className="rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-red-700"
                aria-label={`Remove attribute ${row.key || i + 1}`}
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <IssueList issues={issues} />
      <button
        type="button"
        className={buttonClass}
        // A blank key would collide with the next blank one; number new keys instead.
        onClick={() => setRows([...rows, { key: `attribute_${rows.length + 1}`, value: "" }])}
      >
        + Set attribute
      </button>
    </div>
  );
}
