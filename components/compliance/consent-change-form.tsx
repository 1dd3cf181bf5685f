"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { INPUT_CLASS, PRIMARY_BUTTON_CLASS } from "@/components/admin/field-styles";
import { CHANNEL_LABELS } from "@/components/canvas/node-summary";
import { useTRPC } from "@/components/trpc/react";
import { CHANNELS, PURPOSES, type Channel, type Purpose } from "@/server/journey/schema";
import { errorId, FieldError, FormAlert, INVALID_BORDER_CLASS } from "./field-error";
import { formErrors } from "./field-errors";

const FORM_ID = "consent-change";
type Status = "opted_in" | "opted_out";

/** A consent change someone gave outside the product: on the phone, by letter, in a ticket. */
export function ConsentChangeForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [recorded, setRecorded] = useState<string | null>(null);
  const record = useMutation(
    trpc.consent.record.mutationOptions({
      onSuccess: (row) => {
        setRecorded(
          `Recorded: ${row.externalId} ${row.status === "opted_out" ? "opted out of" : "opted in to"} ${CHANNEL_LABELS[row.channel]} (${row.purpose}).`,
        );
        return queryClient.invalidateQueries({ queryKey: trpc.consent.optOuts.queryKey() });
      },
    }),
  );
  const errors = formErrors(record.error);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setRecorded(null);
    record.mutate({
      externalId: String(data.get("externalId") ?? ""),
      channel: String(data.get("channel")) as Channel,
      purpose: String(data.get("purpose")) as Purpose,
      status: String(data.get("status")) as Status,
    });
  }

  return (
    <section aria-labelledby="consent-change-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      <h2 id="consent-change-heading" className="text-base font-semibold text-slate-900">Record a consent change</h2>
      <p className="mt-0.5 text-sm text-slate-500">
        Added to the profile&apos;s consent log with source &ldquo;admin&rdquo;. An opt-out on either purpose stops every message on that
        channel; an opt-in lifts only its own purpose.
      </p>
      <form id={FORM_ID} onSubmit={onSubmit} noValidate className="mt-4 grid grid-cols-[1fr_9rem_9rem_9rem_auto] items-start gap-3">
        <div>
          <label className="block text-sm font-medium text-slate-700">
            Profile external ID
            <input
              name="externalId"
              type="text"
              required
              autoComplete="off"
              spellCheck={false}
              placeholder="cust_123"
              aria-invalid={errors.fields.externalId ? true : undefined}
              aria-describedby={errors.fields.externalId ? errorId(FORM_ID, "externalId") : undefined}
              className={`${INPUT_CLASS} ${INVALID_BORDER_CLASS}`}
            />
          </label>
          <FieldError id={errorId(FORM_ID, "externalId")} message={errors.fields.externalId} />
        </div>
        <label className="text-sm font-medium text-slate-700">
          Channel
          <select name="channel" defaultValue={"sms" satisfies Channel} className={INPUT_CLASS}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Purpose
          <select name="purpose" defaultValue={"marketing" satisfies Purpose} className={`${INPUT_CLASS} capitalize`}>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Change
          <select name="status" defaultValue={"opted_out" satisfies Status} className={INPUT_CLASS}>
            <option value="opted_out">Opted out</option>
            <option value="opted_in">Opted in</option>
          </select>
        </label>
        <button type="submit" disabled={record.isPending} className={`mt-6 ${PRIMARY_BUTTON_CLASS}`}>
          {record.isPending ? "Recording…" : "Record"}
        </button>
      </form>
      <FormAlert form={errors.form} fieldCount={Object.keys(errors.fields).length} />
      {recorded ? (
        <p role="status" className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {recorded}
        </p>
      ) : null}
    </section>
  );
}
