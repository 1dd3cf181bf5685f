"use client";

import type { Condition, TriggerConfig } from "@/server/journey/schema";
import { triggerConfigFor } from "../node-defaults";
import { ConditionEditor } from "./condition-editor";
import { SelectField, TextField } from "./fields";
import type { FormProps } from "./form-props";
import { TIME_ZONE_LIST_ID } from "./time-zone-list";

const KINDS: { value: TriggerConfig["kind"]; label: string }[] = [
  { value: "event", label: "When an event happens" },
  { value: "api", label: "When enrolled through the API" },
  { value: "schedule", label: "On a schedule (an audience)" },
];

function withWhere<C extends { where?: Condition }>(config: C, where: Condition | undefined): C {
  const { where: _old, ...rest } = config;
  return (where ? { ...rest, where } : rest) as C;
}

export function TriggerForm({ config, onChange }: FormProps<"trigger">) {
  return (
    <div className="space-y-3">
      <SelectField label="Profiles enter" value={config.kind} options={KINDS} onChange={(kind) => onChange(triggerConfigFor(kind, config))} />
      {config.kind === "event" && (
        <>
          <TextField label="Event name" value={config.event} mono placeholder="order_placed" path={["event"]} onChange={(event) => onChange({ ...config, event })} />
          <ConditionEditor label="Only if" optional value={config.where} path={["where"]} onChange={(where) => onChange(withWhere(config, where))} />
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
            onChange={(at) => {
              const { at: _old, ...rest } = config;
              onChange(at ? { ...rest, at } : rest);
            }}
          />
          <TextField
            label="Or repeat (cron)"
            value={config.cron ?? ""}
            mono
            placeholder="0 9 * * 1"
            path={["cron"]}
            hint="Minute, hour, day of month, month, day of week."
            onChange={(cron) => {
              const { cron: _old, ...rest } = config;
              onChange(cron ? { ...rest, cron } : rest);
            }}
          />
          <TextField
            label="Time zone"
            value={config.timezone ?? ""}
            placeholder="Europe/London"
            list={TIME_ZONE_LIST_ID}
            path={["timezone"]}
            onChange={(timezone) => {
              const { timezone: _old, ...rest } = config;
              onChange(timezone ? { ...rest, timezone } : rest);
            }}
          />
          <ConditionEditor label="Audience: profiles where" optional value={config.where} path={["where"]} onChange={(where) => onChange(withWhere(config, where))} />
        </>
      )}
    </div>
  );
}
