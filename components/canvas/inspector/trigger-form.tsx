"use client";

import type { TriggerConfig } from "@/server/journey/schema";
import { triggerConfigFor } from "../node-defaults";
import { ConditionEditor } from "./condition-editor";
import { SelectField, TextField } from "./fields";
import type { FormProps } from "./form-props";
import { TIME_ZONE_LIST_ID } from "./time-zone-list";
import { withOptional } from "./optional-key";

const KINDS: { value: TriggerConfig["kind"]; label: string }[] = [
  { value: "event", label: "When an event happens" },
  { value: "api", label: "When enrolled through the API" },
  { value: "schedule", label: "On a schedule (an audience)" },
];

export function TriggerForm({ config, onChange }: FormProps<"trigger">) {
  return (
    <div className="space-y-3">
      <SelectField label="Profiles enter" value={config.kind} options={KINDS} onChange={(kind) => onChange(triggerConfigFor(kind, config))} />
      {config.kind === "event" && (
        <>
          <TextField label="Event name" value={config.event} mono placeholder="order_placed" path={["event"]} onChange={(event) => onChange({ ...config, event })} />
          <ConditionEditor label="Only if" optional value={config.where} path={["where"]} onChange={(where) => onChange(withOptional(config, "where", where))} />
        </>
      )}
      {config.kind === "api" && (
        <p className="text-xs text-slate-600">
          Your backend enrols a profile with <code className="font-mono">POST /api/v1/journeys/&lt;key&gt;/enroll</code>; its data becomes <code className="font-mono">event.*</code>.
        </p>
      )}
      {config.kind === "schedule" && (
        <>
          <TextField
            label="Once at (ISO time)"
            value={config.at ?? ""}
            mono
            placeholder="2025-06-01T09:00:00+01:00"
            path={["at"]}
            onChange={(at) => onChange(withOptional(config, "at", at))}
          />
          <TextField
            label="Or repeat (cron)"
            value={config.cron ?? ""}
            mono
            placeholder="0 9 * * 1"
            path={["cron"]}
            hint="Minute, hour, day of month, month, day of week."
            onChange={(cron) => onChange(withOptional(config, "cron", cron))}
          />
          <TextField
            label="Time zone"
            value={config.timezone ?? ""}
            placeholder="Europe/London"
            list={TIME_ZONE_LIST_ID}
            path={["timezone"]}
            onChange={(timezone) => onChange(withOptional(config, "timezone", timezone))}
          />
          <ConditionEditor label="Audience: profiles where" optional value={config.where} path={["where"]} onChange={(where) => onChange(withOptional(config, "where", where))} />
        </>
      )}
    </div>
  );
}
