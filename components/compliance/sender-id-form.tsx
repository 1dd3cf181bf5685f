"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { INPUT_CLASS, PRIMARY_BUTTON_CLASS } from "@/components/admin/field-styles";
import { useTRPC } from "@/components/trpc/react";
import { PURPOSES, type Purpose } from "@/server/journey/schema";
import { SENDER_ID_KINDS, type SenderIdKind } from "@/server/policy/sender-id";
import { parseCountryList } from "./country-list";
import { errorId, FieldError, FormAlert, INVALID_BORDER_CLASS } from "./field-error";
import { formErrors } from "./field-errors";
import { SENDER_KIND_HINTS, SENDER_KIND_LABELS } from "./sender-id-labels";

const FORM_ID = "add-sender";

export function SenderIdForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<SenderIdKind>("alphanumeric");
  const [purposes, setPurposes] = useState<ReadonlySet<Purpose>>(new Set(PURPOSES));
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation(
    trpc.senderIds.add.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.senderIds.list.queryKey() }),
    }),
  );
  const noPurpose = purposes.size === 0;
  const errors = formErrors(add.error);
  const described = (field: string, extra?: string) =>
    [errors.fields[field] ? errorId(FORM_ID, field) : undefined, extra].filter(Boolean).join(" ") || undefined;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (noPurpose) return;
    const form = e.currentTarget;
    const data = new FormData(form);
    setAdded(null);
    add.mutate(
      {
        value: String(data.get("value") ?? ""),
        kind,
        countries: parseCountryList(String(data.get("countries") ?? "")),
        // Both ticked means "every purpose", which is what leaving the list out says.
        ...(purposes.size < PURPOSES.length ? { purposes: [...purposes] } : {}),
      },
      {
        onSuccess: (sender) => {
          setAdded(sender.value);
          form.reset();
          setPurposes(new Set(PURPOSES));
        },
      },
    );
  }

  function togglePurpose(purpose: Purpose, on: boolean) {
    const next = new Set(purposes);
    if (on) next.add(purpose);
    else next.delete(purpose);
    setPurposes(next);
  }

  return (
    <section aria-labelledby="add-sender-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      <h3 id="add-sender-heading" className="text-sm font-semibold text-slate-900">Add a sender ID</h3>
      <p className="mt-0.5 text-sm text-slate-500">
        New senders start as pending. Mark them approved once the carrier or provider confirms the registration; only approved senders are used.
      </p>
      <form id={FORM_ID} onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        <div className="grid grid-cols-[12rem_1fr_1fr] gap-3">
          <label className="text-sm font-medium text-slate-700">
            Kind
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as SenderIdKind)} className={INPUT_CLASS}>
              {SENDER_ID_KINDS.map((k) => (
                <option key={k} value={k}>
                  {SENDER_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <div>
            <label className="block text-sm font-medium text-slate-700">
              Sender ID
              <input
                name="value"
                type="text"
                required
                autoComplete="off"
                placeholder={kind === "alphanumeric" ? "ACME" : kind === "short_code" ? "12345" : "+14155550123"}
                aria-invalid={errors.fields.value ? true : undefined}
                aria-describedby={described("value", `${FORM_ID}-value-hint`)}
                className={`${INPUT_CLASS} ${INVALID_BORDER_CLASS}`}
              />
            </label>
            <span id={`${FORM_ID}-value-hint`} className="mt-1 block text-xs text-slate-500">
              {SENDER_KIND_HINTS[kind]}
            </span>
            <FieldError id={errorId(FORM_ID, "value")} message={errors.fields.value} />
          </div>
          <div>
            <label className="block text-sm font-medium text-slate-700">
              Countries
              <input
                name="countries"
                type="text"
                required
                autoComplete="off"
                placeholder="GB, FR"
                aria-invalid={errors.fields.countries ? true : undefined}
                aria-describedby={described("countries", `${FORM_ID}-countries-hint`)}
                className={`${INPUT_CLASS} ${INVALID_BORDER_CLASS}`}
              />
            </label>
            <span id={`${FORM_ID}-countries-hint`} className="mt-1 block text-xs text-slate-500">
              Two-letter ISO codes separated by commas, or * for every country.
            </span>
            <FieldError id={errorId(FORM_ID, "countries")} message={errors.fields.countries} />
          </div>
        </div>
        <div className="flex items-end justify-between gap-4">
          <fieldset aria-describedby={noPurpose ? `${FORM_ID}-purpose-error` : undefined}>
            <legend className="text-sm font-medium text-slate-700">Used for</legend>
            <div className="mt-1 flex gap-4">
              {PURPOSES.map((p) => (
                <label key={p} className="flex items-center gap-1.5 text-sm capitalize text-slate-700">
                  <input type="checkbox" checked={purposes.has(p)} onChange={(e) => togglePurpose(p, e.target.checked)} />
                  {p}
                </label>
              ))}
            </div>
            {noPurpose ? (
              <p id={`${FORM_ID}-purpose-error`} className="mt-1 text-xs text-red-700">
                Choose at least one purpose.
              </p>
            ) : null}
          </fieldset>
          <button type="submit" disabled={add.isPending || noPurpose} className={PRIMARY_BUTTON_CLASS}>
            {add.isPending ? "Adding…" : "Add sender ID"}
          </button>
        </div>
      </form>
      <FormAlert form={errors.form} fieldCount={Object.keys(errors.fields).length} />
      {added ? (
        <p role="status" className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {added} was added as pending.
        </p>
      ) : null}
    </section>
  );
}
