"use client";

/**
 * A Liquid template box with a variable picker that inserts `{{ path }}` at the cursor, and the
 * template's parse error shown as the marketer types.
 */
import { useId, useRef, useState } from "react";
import { parseTemplate } from "@/server/journey/liquid";
import { useEditorStoreApi } from "../editor-store-provider";
import { useEditorEnv } from "../editor-env";
import { eventVariables, profileVariables } from "../template-variables";
import { IssueList, inputClass, useIssuesAt } from "./fields";

const JOURNEY_VARIABLES = ["journey.key", "journey.name"];

export function LiquidField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  path?: readonly PropertyKey[];
  rows?: number;
  /** One line (titles, subjects) instead of a text area. */
  singleLine?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const store = useEditorStoreApi();
  const { attributeNames, sampleProfiles } = useEditorEnv();
  const [eventVars, setEventVars] = useState<string[]>([]);
  const issues = useIssuesAt(props.path);
  const parsed = parseTemplate(props.value);
  const problems = parsed.ok ? issues : [...issues, { message: `Liquid: ${parsed.message}` }];

  // Event properties are gathered when the picker opens, not on every edit of the journey.
  const loadEventVars = () =>
    setEventVars(eventVariables(store.getState().doc, sampleProfiles.flatMap((s) => (s.event ? [s.event] : []))));

  const insert = (variable: string) => {
    const el = ref.current;
    const text = `{{ ${variable} }}`;
    const start = el?.selectionStart ?? props.value.length;
    const end = el?.selectionEnd ?? start;
    props.onChange(props.value.slice(0, start) + text + props.value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const control = {
    id,
    ref,
    className: `${inputClass} font-mono text-[13px]`,
    value: props.value,
    placeholder: props.placeholder,
    "aria-invalid": problems.length > 0,
    "aria-describedby": problems.length > 0 ? `${id}-issues` : undefined,
    onChange: (e: { target: { value: string } }) => props.onChange(e.target.value),
  };

  return (
    <div className="space-y-1">
      <div className="flex items-end justify-between gap-2">
        <label htmlFor={id} className="text-xs font-medium text-slate-700">
          {props.label}
        </label>
        <select
          className="max-w-40 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-700"
          aria-label={`Insert a variable into ${props.label}`}
          value=""
          onFocus={loadEventVars}
          onPointerDown={loadEventVars}
          onChange={(e) => e.target.value && insert(e.target.value)}
        >
          <option value="">+ Variable</option>
          <optgroup label="Profile">
            {profileVariables(attributeNames).map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </optgroup>
          {eventVars.length > 0 && (
            <optgroup label="Event">
              {eventVars.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Journey">
            {JOURNEY_VARIABLES.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      {props.singleLine ? <input type="text" {...control} /> : <textarea rows={props.rows ?? 4} {...control} />}
      <IssueList issues={problems} id={`${id}-issues`} />
    </div>
  );
}
