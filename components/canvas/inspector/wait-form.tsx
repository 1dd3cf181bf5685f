"use client";

import { WEEKDAYS, type WaitConfig } from "@/server/journey/schema";
import { waitConfigFor } from "../node-defaults";
import { ConditionEditor } from "./condition-editor";
import { DurationField } from "./duration-field";
import { IssueList, SelectField, TextField, useIssuesAt } from "./fields";
import type { FormProps } from "./form-props";
import { TIME_ZONE_LIST_ID } from "./time-zone-list";
import { withOptional } from "./optional-key";

const MODES: { value: WaitConfig["mode"]; label: string }[] = [
  { value: "duration", label: "For a length of time" },
  { value: "until_time", label: "Until a time of day" },
  { value: "until_date", label: "Until a date in the data" },
  { value: "until_event", label: "Until an event (or a timeout)" },
];

function Days({ days, onChange }: { days: readonly (typeof WEEKDAYS)[number][] | undefined; onChange: (days: (typeof WEEKDAYS)[number][] | undefined) => void }) {
  const issues = useIssuesAt(["days"]);
  const chosen = new Set(days ?? WEEKDAYS);
  return (
    <fieldset className="space-y-1">
      <legend className="text-xs font-medium text-slate-700">On</legend>
      <div className="flex flex-wrap gap-1">
        {WEEKDAYS.map((day) => (
          <label
            key={day}
            className={`cursor-pointer rounded-md border px-2 py-1 text-xs capitalize has-focus-visible:ring-2 has-focus-visible:ring-brand-500 ${
              chosen.has(day) ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-300 text-slate-600"
            }`}
          >
            <input
              type="checkbox"
              className="sr-only"
              checked={chosen.has(day)}
              onChange={(e) => {
                const next = WEEKDAYS.filter((d) => (d === day ? e.target.checked : chosen.has(d)));
                // Every day is the default: leave `days` out rather than list all seven.
                onChange(next.length === WEEKDAYS.length ? undefined : next);
              }}
            />
            {day}
          </label>
        ))}
      </div>
      <IssueList issues={issues} />
    </fieldset>
  );
}

export function WaitForm({ config, onChange }: FormProps<"wait">) {
  return (
    <div className="space-y-3">
      <SelectField label="Wait" value={config.mode} options={MODES} onChange={(mode) => mode !== config.mode && onChange(waitConfigFor(mode))} />
      {config.mode === "duration" && (
        <DurationField label="How long" value={config.duration} path={["duration"]} onChange={(duration) => onChange({ ...config, duration })} />
      )}
      {config.mode === "until_time" && (
        <>
          <TextField label="Local time" type="time" value={config.at} path={["at"]} onChange={(at) => onChange({ ...config, at })} />
          <Days
            days={config.days}
            onChange={(days) => onChange(withOptional(config, "days", days))}
          />
          <SelectField
            label="In"
            value={config.timezone === "recipient" ? "recipient" : "fixed"}
            options={[
              { value: "recipient", label: "The recipient’s time zone" },
              { value: "fixed", label: "A fixed time zone" },
            ]}
            onChange={(v) => onChange({ ...config, timezone: v === "recipient" ? "recipient" : "" })}
          />
          {config.timezone !== "recipient" && (
            <TextField label="Time zone" value={config.timezone} list={TIME_ZONE_LIST_ID} placeholder="Europe/Paris" path={["timezone"]} onChange={(timezone) => onChange({ ...config, timezone })} />
          )}
        </>
      )}
      {config.mode === "until_date" && (
        <>
          <TextField
            label="Date field"
            value={config.field}
            mono
            placeholder="event.appointment_at"
            path={["field"]}
            hint="An ISO date-time in the event or on the profile."
            onChange={(field) => onChange({ ...config, field })}
          />
          <DurationField
            label="Offset"
            signed
            value={config.offset ?? {}}
            path={["offset"]}
            hint="Negative for before the date: -24 hours is the day before."
            onChange={(offset) => {
              const { offset: _old, ...rest } = config;
              onChange(Object.keys(offset).length > 0 ? { ...rest, offset } : rest);
            }}
          />
        </>
      )}
      {config.mode === "until_event" && (
        <>
          <TextField label="Event name" value={config.event} mono placeholder="phone_verified" path={["event"]} onChange={(event) => onChange({ ...config, event })} />
          <ConditionEditor
            label="Only if"
            optional
            value={config.where}
            path={["where"]}
            onChange={(where) => onChange(withOptional(config, "where", where))}
          />
          <DurationField label="Give up after" value={config.timeout} path={["timeout"]} hint="Then the run leaves through timeout." onChange={(timeout) => onChange({ ...config, timeout })} />
        </>
      )}
    </div>
  );
}
