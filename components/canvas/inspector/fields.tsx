"use client";

/**
 * Form building blocks shared by the inspector, settings and simulate panels: a labelled field
 * that shows the zod issues at its path, and plain inputs styled once.
 */
import { createContext, useContext, useId, type ReactNode } from "react";

export type FieldIssue = { path: readonly PropertyKey[]; message: string };

const IssuesContext = createContext<readonly FieldIssue[]>([]);

/** Issues from parsing the edited object; fields below show those at their own path. */
export function IssuesProvider({ issues, children }: { issues: readonly FieldIssue[]; children: ReactNode }) {
  return <IssuesContext.Provider value={issues}>{children}</IssuesContext.Provider>;
}

function startsWith(path: readonly PropertyKey[], prefix: readonly PropertyKey[]): boolean {
  return prefix.every((key, i) => path[i] === key);
}

export function useIssuesAt(path: readonly PropertyKey[] | undefined): FieldIssue[] {
  const issues = useContext(IssuesContext);
  return path ? issues.filter((i) => startsWith(i.path, path)) : [];
}

export function IssueList({ issues, id }: { issues: readonly { message: string }[]; id?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs text-red-700">
      {issues.map((issue, i) => (
        <li key={i}>{issue.message}</li>
      ))}
    </ul>
  );
}

export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:border-red-500";

/**
 * A label, its control (render prop, given the id and aria attributes to spread) and the issues
 * at `path`.
 */
export function Field(props: {
  label: string;
  path?: readonly PropertyKey[];
  hint?: ReactNode;
  children: (control: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const issues = useIssuesAt(props.path);
  const describedBy = [props.hint ? `${id}-hint` : undefined, issues.length > 0 ? `${id}-issues` : undefined].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {props.label}
      </label>
      {props.children({ id, "aria-invalid": issues.length > 0, ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      {props.hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {props.hint}
        </p>
      )}
      <IssueList issues={issues} id={`${id}-issues`} />
    </div>
  );
}

export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  path?: readonly PropertyKey[];
  hint?: ReactNode;
  placeholder?: string;
  list?: string;
  mono?: boolean;
  type?: "text" | "url" | "time" | "datetime-local";
}) {
  return (
    <Field label={props.label} path={props.path} hint={props.hint}>
      {(control) => (
        <input
          {...control}
          type={props.type ?? "text"}
          className={`${inputClass} ${props.mono ? "font-mono" : ""}`}
          value={props.value}
          placeholder={props.placeholder}
          list={props.list}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A number input that reports `undefined` while empty (so optional fields can be cleared). */
export function NumberField(props: {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  path?: readonly PropertyKey[];
  hint?: ReactNode;
  min?: number;
  max?: number;
  step?: number;
}) {
  return (
    <Field label={props.label} path={props.path} hint={props.hint}>
      {(control) => (
        <input
          {...control}
          type="number"
          className={inputClass}
          value={props.value ?? ""}
          min={props.min}
          max={props.max}
          step={props.step ?? "any"}
          onChange={(e) => props.onChange(e.target.value === "" ? undefined : e.target.valueAsNumber)}
        />
      )}
    </Field>
  );
}

export function SelectField<V extends string>(props: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  path?: readonly PropertyKey[];
  hint?: ReactNode;
}) {
  return (
    <Field label={props.label} path={props.path} hint={props.hint}>
      {(control) => (
        <select {...control} className={inputClass} value={props.value} onChange={(e) => props.onChange(e.target.value as V)}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxField(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      <div>
        <label htmlFor={id} className="text-sm text-slate-800">
          {props.label}
        </label>
        {props.hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {props.hint}
          </p>
        )}
      </div>
    </div>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="space-y-3 border-t border-slate-200 pt-3 first:border-t-0 first:pt-0">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

export const buttonClass =
  "inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 shadow-xs hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50";

export const primaryButtonClass =
  "inline-flex items-center gap-1 rounded-md bg-brand-600 px-2.5 py-1.5 text-xs font-semibold text-white shadow-xs hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50";
