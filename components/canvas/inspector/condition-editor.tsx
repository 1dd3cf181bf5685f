"use client";

/**
 * Edit a condition as a list of rules ("profile.country in GB, US"; "consents to WhatsApp
 * marketing"), or as JSON when it nests deeper than the rule list can show.
 */
import { useEffect, useId, useState } from "react";
import {
  CHANNELS,
  CONDITION_OPS,
  ENGAGEMENT_STATUSES,
  PURPOSES,
  type Channel,
  type Condition,
  type Purpose,
} from "@/server/journey/schema";
import { useEditorStoreApi } from "../editor-store-provider";
import { useEditorEnv } from "../editor-env";
import { CHANNEL_LABELS } from "../node-summary";
import { eventVariables, profileVariables } from "../template-variables";
import {
  OPS_WITHOUT_VALUE,
  formatRuleValue,
  fromRuleSet,
  newRule,
  parseRuleValue,
  ruleKind,
  toRuleSet,
  type FieldRule,
  type Join,
  type Rule,
  type RuleKind,
} from "./condition-rules";
import { IssueList, buttonClass, inputClass, useIssuesAt } from "./fields";

const OP_LABELS: Record<(typeof CONDITION_OPS)[number], string> = {
  eq: "is",
  neq: "is not",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  in: "is one of",
  contains: "contains",
  exists: "is set",
  not_exists: "is not set",
};

const KIND_LABELS: Record<RuleKind, string> = {
  field: "Field",
  consent: "Consent",
  engagement: "Engagement",
};

const small = "rounded border border-slate-300 bg-white px-1.5 py-1 text-xs";

function RuleRow(props: { rule: Rule; index: number; fieldListId: string; onChange: (rule: Rule) => void; onRemove?: () => void }) {
  const { rule, index, onChange } = props;
  const kind = ruleKind(rule);
  const n = index + 1;
  return (
    <li className="space-y-1 rounded-md border border-slate-200 bg-white p-1.5">
      <div className="flex items-center gap-1">
        <select className={small} aria-label={`Rule ${n}: kind`} value={kind} onChange={(e) => onChange(newRule(e.target.value as RuleKind))}>
          {(Object.keys(KIND_LABELS) as RuleKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        {props.onRemove && (
          <button type="button" className="ml-auto rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-red-700" aria-label={`Remove rule ${n}`} onClick={props.onRemove}>
            ×
          </button>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-1">
        {"field" in rule && (
          <>
            <input
              className={`${small} w-full font-mono`}
              aria-label={`Rule ${n}: field`}
              list={props.fieldListId}
              value={rule.field}
              onChange={(e) => onChange({ ...rule, field: e.target.value })}
            />
            <select
              className={small}
              aria-label={`Rule ${n}: comparison`}
              value={rule.op}
              onChange={(e) => {
                const op = e.target.value as FieldRule["op"];
                const { value: _drop, ...rest } = rule;
                onChange(OPS_WITHOUT_VALUE.includes(op) ? { ...rest, op } : { ...rest, op, value: rule.value ?? "" });
              }}
            >
              {CONDITION_OPS.map((op) => (
                <option key={op} value={op}>
                  {OP_LABELS[op]}
                </option>
              ))}
            </select>
            {!OPS_WITHOUT_VALUE.includes(rule.op) && (
              <input
                className={`${small} min-w-0 flex-1`}
                aria-label={`Rule ${n}: value${rule.op === "in" ? " (comma-separated)" : ""}`}
                placeholder={rule.op === "in" ? "GB, US, FR" : "value"}
                value={formatRuleValue(rule.value)}
                onChange={(e) => onChange({ ...rule, value: parseRuleValue(e.target.value, rule.op) })}
              />
            )}
          </>
        )}
        {"consent" in rule && (
          <>
            <select
              className={small}
              aria-label={`Rule ${n}: channel`}
              value={rule.consent.channel}
              onChange={(e) => onChange({ consent: { ...rule.consent, channel: e.target.value as Channel } })}
            >
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
            <select
              className={small}
              aria-label={`Rule ${n}: purpose`}
              value={rule.consent.purpose}
              onChange={(e) => onChange({ consent: { ...rule.consent, purpose: e.target.value as Purpose } })}
            >
              {PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </>
        )}
        {"engagement" in rule && (
          <>
            <select
              className={small}
              aria-label={`Rule ${n}: status`}
              value={rule.engagement.status}
              onChange={(e) => onChange({ engagement: { ...rule.engagement, status: e.target.value as (typeof ENGAGEMENT_STATUSES)[number] } })}
            >
              {ENGAGEMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <select
              className={small}
              aria-label={`Rule ${n}: on channel`}
              value={rule.engagement.channel ?? ""}
              onChange={(e) => {
                const { channel: _drop, ...rest } = rule.engagement;
                onChange({ engagement: e.target.value ? { ...rest, channel: e.target.value as Channel } : rest });
              }}
            >
              <option value="">any channel</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
            <input
              className={`${small} w-20`}
              type="number"
              min={0}
              aria-label={`Rule ${n}: within hours`}
              placeholder="within h"
              value={rule.engagement.withinHours ?? ""}
              onChange={(e) => {
                const { withinHours: _drop, ...rest } = rule.engagement;
                onChange({ engagement: e.target.value === "" ? rest : { ...rest, withinHours: e.target.valueAsNumber } });
              }}
            />
          </>
        )}
      </div>
    </li>
  );
}

function JsonCondition({ value, onChange, label }: { value: Condition | undefined; onChange: (c: Condition | undefined) => void; label: string }) {
  const id = useId();
  const [text, setText] = useState(() => (value ? JSON.stringify(value, null, 2) : ""));
  const [error, setError] = useState<string | undefined>();
  // Follow outside changes (undo) unless the text already says the same.
  useEffect(() => {
    setText((current) => {
      try {
        return JSON.stringify(JSON.parse(current)) === JSON.stringify(value) ? current : JSON.stringify(value, null, 2) ?? "";
      } catch {
        return current;
      }
    });
  }, [value]);
  return (
    <div className="space-y-1">
      <textarea
        id={id}
        aria-label={`${label} (JSON)`}
        className={`${inputClass} font-mono text-xs`}
        rows={6}
        value={text}
        aria-invalid={error !== undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === "") {
            setError(undefined);
            onChange(undefined);
            return;
          }
          try {
            // Shape errors come back from the node's schema as field issues; only syntax is ours.
            onChange(JSON.parse(e.target.value) as Condition);
            setError(undefined);
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          }
        }}
      />
      {error && <p className="text-xs text-red-700">JSON: {error}</p>}
    </div>
  );
}

export function ConditionEditor(props: {
  label: string;
  value: Condition | undefined;
  onChange: (c: Condition | undefined) => void;
  path?: readonly PropertyKey[];
  /** A missing condition is allowed ("always"): the last rule can be removed. */
  optional?: boolean;
}) {
  const fieldListId = useId();
  const store = useEditorStoreApi();
  const { attributeNames, sampleProfiles } = useEditorEnv();
  const issues = useIssuesAt(props.path);
  const ruleSet = props.value ? toRuleSet(props.value) : { join: "all" as Join, rules: [] };
  const [asJson, setAsJson] = useState(ruleSet === undefined);
  const [fields, setFields] = useState<string[]>([]);
  const loadFields = () =>
    setFields([
      ...profileVariables(attributeNames),
      ...eventVariables(store.getState().doc, sampleProfiles.flatMap((s) => (s.event ? [s.event] : []))),
    ]);

  const emit = (join: Join, rules: Rule[]) => props.onChange(fromRuleSet({ join, rules }));

  return (
    <fieldset className="space-y-1.5" onFocus={fields.length === 0 ? loadFields : undefined}>
      <div className="flex items-center justify-between gap-2">
        <legend className="text-xs font-medium text-slate-700">{props.label}</legend>
        <button
          type="button"
          className="text-xs text-brand-700 underline-offset-2 hover:underline disabled:text-slate-400 disabled:no-underline"
          disabled={!asJson ? false : props.value !== undefined && ruleSet === undefined}
          onClick={() => setAsJson(!asJson)}
          title={asJson && ruleSet === undefined ? "This condition nests deeper than the rule list shows" : undefined}
        >
          {asJson ? "Edit as rules" : "Edit as JSON"}
        </button>
      </div>
      {asJson || !ruleSet ? (
        <JsonCondition value={props.value} onChange={props.onChange} label={props.label} />
      ) : (
        <>
          {ruleSet.rules.length > 1 && (
            <select
              className={small}
              aria-label={`${props.label}: how rules combine`}
              value={ruleSet.join}
              onChange={(e) => emit(e.target.value as Join, ruleSet.rules)}
            >
              <option value="all">Match all of these</option>
              <option value="any">Match any of these</option>
            </select>
          )}
          {ruleSet.rules.length === 0 && <p className="text-xs text-slate-500">No condition: everyone passes.</p>}
          <ul className="space-y-1">
            {ruleSet.rules.map((rule, i) => (
              <RuleRow
                key={i}
                rule={rule}
                index={i}
                fieldListId={fieldListId}
                onChange={(next) => emit(ruleSet.join, ruleSet.rules.map((r, j) => (j === i ? next : r)))}
                onRemove={
                  props.optional || ruleSet.rules.length > 1 ? () => emit(ruleSet.join, ruleSet.rules.filter((_, j) => j !== i)) : undefined
                }
              />
            ))}
          </ul>
          <button type="button" className={buttonClass} onClick={() => emit(ruleSet.join, [...ruleSet.rules, newRule("field")])}>
            + Add rule
          </button>
          <datalist id={fieldListId}>
            {fields.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </>
      )}
      <IssueList issues={issues} />
    </fieldset>
  );
}
