"use client";

/** The journey's own settings: name, purpose, re-entry, quiet hours, exit events, goal. */
import type { Journey } from "@/server/journey/schema";
import { JourneySchema } from "@/server/journey/schema";
import { useMemo } from "react";
import { useEditorActions, useEditorStore } from "./editor-store-provider";
import { ConditionEditor } from "./inspector/condition-editor";
import { IssuesProvider, NumberField, Section, SelectField, TextField, buttonClass, inputClass, Field } from "./inspector/fields";
import { withOptional } from "./inspector/optional-key";

const SETTINGS_SCHEMA = JourneySchema.pick({
  name: true,
  description: true,
  purpose: true,
  reentry: true,
  quietHours: true,
  exitOn: true,
  goal: true,
});

export function SettingsPanel() {
  const key = useEditorStore((s) => s.doc.key);
  const name = useEditorStore((s) => s.doc.name);
  const description = useEditorStore((s) => s.doc.description);
  const purpose = useEditorStore((s) => s.doc.purpose);
  const reentry = useEditorStore((s) => s.doc.reentry);
  const quietHours = useEditorStore((s) => s.doc.quietHours);
  const exitOn = useEditorStore((s) => s.doc.exitOn);
  const goal = useEditorStore((s) => s.doc.goal);
  const readOnly = useEditorStore((s) => s.readOnly);
  const { updateSettings, endGesture } = useEditorActions();

  const issues = useMemo(() => {
    const parsed = SETTINGS_SCHEMA.safeParse({ name, description, purpose, reentry, quietHours, exitOn, goal });
    return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  }, [name, description, purpose, reentry, quietHours, exitOn, goal]);

  const setExitOn = (next: Journey["exitOn"]) => updateSettings({ exitOn: next });

  return (
    <IssuesProvider issues={issues}>
      <fieldset disabled={readOnly} className="space-y-5" onBlur={endGesture}>
        <Section title="Journey">
          <TextField label="Name" value={name} path={["name"]} onChange={(v) => updateSettings({ name: v })} />
          <Field label="Description" path={["description"]}>
            {(control) => (
              <textarea
                {...control}
                rows={2}
                className={inputClass}
                value={description ?? ""}
                onChange={(e) => updateSettings({ description: e.target.value === "" ? undefined : e.target.value })}
              />
            )}
          </Field>
          <p className="text-xs text-slate-500">
            Key <span className="font-mono">{key}</span> (used by the API; it does not change)
          </p>
        </Section>
        <Section title="Sending rules">
          <SelectField
            label="Purpose of its messages"
            value={purpose}
            path={["purpose"]}
            options={[
              { value: "transactional", label: "Transactional (receipts, reminders, codes)" },
              { value: "marketing", label: "Marketing (needs opt-in)" },
            ]}
            hint="Each message can override it."
            onChange={(v) => updateSettings({ purpose: v })}
          />
          <SelectField
            label="Quiet hours defer"
            value={quietHours}
            path={["quietHours"]}
            options={[
              { value: "marketing", label: "Marketing messages only" },
              { value: "all", label: "All messages except urgent ones" },
            ]}
            onChange={(v) => updateSettings({ quietHours: v })}
          />
          <SelectField
            label="A profile may enter"
            value={reentry}
            path={["reentry"]}
            options={[
              { value: "never", label: "Once, ever" },
              { value: "after_exit", label: "Again after its previous run ends" },
              { value: "always", label: "Every time (a new run replaces the active one)" },
            ]}
            onChange={(v) => updateSettings({ reentry: v })}
          />
        </Section>
        <Section
          title="Exit when"
          actions={
            <button type="button" className={buttonClass} onClick={() => setExitOn([...exitOn, { event: "" }])}>
              + Exit event
            </button>
          }
        >
          {exitOn.length === 0 && <p className="text-xs text-slate-500">Runs only end at an exit step or at the end of a path.</p>}
          {exitOn.map((item, i) => (
            <div key={i} className="space-y-2 rounded-md border border-slate-200 p-2">
              <div className="flex items-end gap-1">
                <div className="min-w-0 flex-1">
                  <TextField
                    label="Event"
                    mono
                    value={item.event}
                    path={["exitOn", i, "event"]}
                    onChange={(event) => setExitOn(exitOn.map((x, j) => (j === i ? { ...x, event } : x)))}
                  />
                </div>
                <button
                  type="button"
                  className={`${buttonClass} mb-0.5`}
                  aria-label={`Remove exit event ${item.event || i + 1}`}
                  onClick={() => setExitOn(exitOn.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </div>
              <ConditionEditor
                label="Only if"
                optional
                value={item.where}
                path={["exitOn", i, "where"]}
                onChange={(where) => setExitOn(exitOn.map((x, j) => (j === i ? withOptional(x, "where", where) : x)))}
              />
            </div>
          ))}
        </Section>
        <Section
          title="Conversion goal"
          actions={
            goal ? (
              <button type="button" className={buttonClass} onClick={() => updateSettings({ goal: undefined })}>
                Remove goal
              </button>
            ) : (
              <button type="button" className={buttonClass} onClick={() => updateSettings({ goal: { event: "", withinHours: 72 } })}>
                + Goal
              </button>
            )
          }
        >
          {goal ? (
            <>
              <TextField label="Converts on event" mono value={goal.event} path={["goal", "event"]} onChange={(event) => updateSettings({ goal: { ...goal, event } })} />
              <NumberField
                label="Within hours of entry"
                min={0}
                value={goal.withinHours}
                path={["goal", "withinHours"]}
                onChange={(h) => updateSettings({ goal: { ...goal, withinHours: h ?? 0 } })}
              />
              <ConditionEditor label="Only if" optional value={goal.where} path={["goal", "where"]} onChange={(where) => updateSettings({ goal: withOptional(goal, "where", where) })} />
            </>
          ) : (
            <p className="text-xs text-slate-500">No goal: conversions are not counted.</p>
          )}
        </Section>
      </fieldset>
    </IssuesProvider>
  );
}
