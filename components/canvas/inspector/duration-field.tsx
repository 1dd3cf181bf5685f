"use client";

import { useId } from "react";
import type { Duration, SignedDuration } from "@/server/journey/schema";
import { IssueList, inputClass, useIssuesAt } from "./fields";

const UNITS = [
  ["days", "days"],
  ["hours", "hours"],
  ["minutes", "min"],
  ["seconds", "sec"],
] as const;

type Unit = (typeof UNITS)[number][0];

/** Days, hours, minutes, seconds side by side; an emptied box removes its unit. */
export function DurationField<D extends Duration | SignedDuration>(props: {
  label: string;
  value: D;
  onChange: (value: D) => void;
  path?: readonly PropertyKey[];
  /** Allow negative numbers ("24 hours before"). */
  signed?: boolean;
  hint?: string;
  /** Units to offer; seconds are rarely what a marketer means. */
  units?: readonly Unit[];
}) {
  const id = useId();
  const issues = useIssuesAt(props.path);
  const shown = UNITS.filter(([unit]) => (props.units ?? ["days", "hours", "minutes"]).includes(unit) || props.value[unit] !== undefined);
  const set = (unit: Unit, raw: string, asNumber: number) => {
    const next: Record<string, number> = { ...props.value };
    if (raw === "") delete next[unit];
    else next[unit] = asNumber;
    props.onChange(next as D);
  };
  return (
    <fieldset className="space-y-1" aria-describedby={issues.length > 0 ? `${id}-issues` : undefined}>
      <legend className="text-xs font-medium text-slate-700">{props.label}</legend>
      <div className="flex gap-2">
        {shown.map(([unit, short]) => (
          <label key={unit} className="flex min-w-0 flex-1 items-center gap-1 text-xs text-slate-500">
            <input
              type="number"
              className={inputClass}
              min={props.signed ? undefined : 0}
              step="any"
              value={props.value[unit] ?? ""}
              aria-label={`${props.label}: ${unit}`}
              aria-invalid={issues.length > 0}
              onChange={(e) => set(unit, e.target.value, e.target.valueAsNumber)}
            />
            <span aria-hidden="true">{short}</span>
          </label>
        ))}
      </div>
      {props.hint && <p className="text-xs text-slate-500">{props.hint}</p>}
      <IssueList issues={issues} id={`${id}-issues`} />
    </fieldset>
  );
}
