"use client";

import { CHANNEL_LABELS } from "@/components/canvas/node-summary";
import { CHANNELS, PURPOSES, type Channel, type Purpose } from "@/server/journey/schema";
import type { CapRow } from "./cap-rows";
import { errorId, FieldError } from "./field-error";

const CELL_INPUT =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm shadow-xs focus:border-brand-500 aria-[invalid=true]:border-red-400";

type Props = {
  formId: string;
  rows: readonly CapRow[];
  onChange: (rows: CapRow[]) => void;
  /** Field errors keyed "caps.<index>.<field>". */
  errors: Readonly<Record<string, string>>;
};

/** Caps count messages per profile over a rolling window; a fallback and its primary count once. */
export function FrequencyCapsEditor({ formId, rows, onChange, errors }: Props) {
  const update = (key: number, patch: Partial<CapRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () =>
    onChange([...rows, { key: Math.max(-1, ...rows.map((r) => r.key)) + 1, channel: "any", purpose: "marketing", max: "1", windowHours: "24" }]);
  const field = (index: number, name: keyof CapRow) => {
    const path = `caps.${index}.${name}`;
    const message = errors[path];
    return {
      message,
      id: errorId(formId, path),
      attrs: message ? { "aria-invalid": true, "aria-describedby": errorId(formId, path) } : {},
    };
  };

  return (
    <section aria-labelledby="policy-caps-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      <h3 id="policy-caps-heading" className="text-sm font-semibold text-slate-900">Frequency caps</h3>
      <p className="mt-0.5 text-sm text-slate-500">
        At most this many messages per person in a rolling window. A send over a cap is suppressed. A fallback and the undelivered message it
        replaces count once.
      </p>
      {rows.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No caps: messages are never suppressed for frequency.</p>
      ) : (
        <table className="mt-4 w-full text-left text-sm">
          <caption className="sr-only">Frequency caps</caption>
          <thead className="text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="pb-1.5 pr-3">Channel</th>
              <th scope="col" className="pb-1.5 pr-3">Purpose</th>
              <th scope="col" className="pb-1.5 pr-3">At most</th>
              <th scope="col" className="pb-1.5 pr-3">Per hours</th>
              <th scope="col" className="pb-1.5"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const n = index + 1;
              const max = field(index, "max");
              const hours = field(index, "windowHours");
              const channel = field(index, "channel");
              return (
                <tr key={row.key} className="align-top">
                  <td className="py-1 pr-3">
                    <select aria-label={`Channel of cap ${n}`} value={row.channel} className={CELL_INPUT} {...channel.attrs}
                      onChange={(e) => update(row.key, { channel: e.target.value as Channel | "any" })}>
                      <option value="any">Any channel</option>
                      {CHANNELS.map((c) => (
                        <option key={c} value={c}>
                          {CHANNEL_LABELS[c]}
                        </option>
                      ))}
                    </select>
                    <FieldError id={channel.id} message={channel.message} />
                  </td>
                  <td className="py-1 pr-3">
                    <select aria-label={`Purpose of cap ${n}`} value={row.purpose} className={`${CELL_INPUT} capitalize`}
                      onChange={(e) => update(row.key, { purpose: e.target.value as Purpose })}>
                      {PURPOSES.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="py-1 pr-3">
                    <input type="number" min={1} step={1} inputMode="numeric" aria-label={`Most messages for cap ${n}`} value={row.max}
                      className={CELL_INPUT} {...max.attrs} onChange={(e) => update(row.key, { max: e.target.value })} />
                    <FieldError id={max.id} message={max.message} />
                  </td>
                  <td className="py-1 pr-3">
                    <input type="number" min={0} step="any" inputMode="decimal" aria-label={`Window in hours for cap ${n}`} value={row.windowHours}
                      className={CELL_INPUT} {...hours.attrs} onChange={(e) => update(row.key, { windowHours: e.target.value })} />
                    <FieldError id={hours.id} message={hours.message} />
                  </td>
                  <td className="py-1 text-right">
                    <button type="button" aria-label={`Remove cap ${n}`} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                      className="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50">
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" onClick={add}
        className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
        Add a cap
      </button>
    </section>
  );
}
