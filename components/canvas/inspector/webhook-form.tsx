"use client";

import { WebhookConfigSchema } from "@/server/journey/schema";
import { SelectField, TextField, buttonClass, inputClass } from "./fields";
import type { FormProps } from "./form-props";
import { fromRows, toRows } from "./key-value-rows";
import { LiquidField } from "./liquid-field";
import { withOptional } from "./optional-key";

const METHODS = WebhookConfigSchema.shape.method.options.map((m) => ({ value: m, label: m }));

export function WebhookForm({ config, onChange }: FormProps<"webhook">) {
  const headers = toRows(config.headers ?? {});
  const setHeaders = (rows: typeof headers) => {
    const { headers: _old, ...rest } = config;
    onChange(rows.length > 0 ? { ...rest, headers: fromRows(rows) } : rest);
  };
  return (
    <div className="space-y-3">
      <div className="flex gap-2">
        <div className="w-28">
          <SelectField label="Method" value={config.method} options={METHODS} path={["method"]} onChange={(method) => onChange({ ...config, method })} />
        </div>
        <div className="min-w-0 flex-1">
          <TextField label="URL" type="url" mono value={config.url} placeholder="https://example.com/hook" path={["url"]} onChange={(url) => onChange({ ...config, url })} />
        </div>
      </div>
      <fieldset className="space-y-1">
        <legend className="text-xs font-medium text-slate-700">Headers</legend>
        {headers.map((h, i) => (
          <div key={i} className="flex gap-1">
            <input
              className={`${inputClass} w-2/5 font-mono`}
              aria-label={`Header ${i + 1} name`}
              value={h.key}
              onChange={(e) => setHeaders(headers.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
            />
            <input
              className={`${inputClass} min-w-0 flex-1 font-mono`}
              aria-label={`Header ${i + 1} value`}
              value={h.value}
              onChange={(e) => setHeaders(headers.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
            />
            <button
              type="button"
              className="rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-red-700"
              aria-label={`Remove header ${h.key || i + 1}`}
              onClick={() => setHeaders(headers.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        ))}
        <button type="button" className={buttonClass} onClick={() => setHeaders([...headers, { key: `X-Header-${headers.length + 1}`, value: "" }])}>
          + Header
        </button>
      </fieldset>
      {config.method !== "GET" && (
        <LiquidField
          label="Body"
          value={config.body ?? ""}
          rows={6}
          path={["body"]}
          placeholder={'{"profile": "{{ profile.id }}"}'}
          onChange={(body) => onChange(withOptional(config, "body", body))}
        />
      )}
      <p className="text-xs text-slate-600">A non-2xx answer after retries takes the fallback output.</p>
    </div>
  );
}
