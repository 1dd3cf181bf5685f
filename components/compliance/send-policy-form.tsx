"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { INPUT_CLASS, PRIMARY_BUTTON_CLASS } from "@/components/admin/field-styles";
import { TIME_ZONE_LIST_ID, TimeZoneList } from "@/components/canvas/inspector/time-zone-list";
import { useTRPC } from "@/components/trpc/react";
import type { SendPolicy } from "@/server/policy/send-policy";
import { fromCapRows, toCapRows, type CapRow } from "./cap-rows";
import { errorId, FieldError, FormAlert, INVALID_BORDER_CLASS } from "./field-error";
import { formErrors } from "./field-errors";
import { FrequencyCapsEditor } from "./frequency-caps-editor";

const FORM_ID = "send-policy";
const HELP_TEXT_MAX = 320;

/** The workspace's time zone, quiet window, frequency caps and HELP reply, saved together. */
export function SendPolicyForm({ initial }: { initial: SendPolicy }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [timezone, setTimezone] = useState(initial.timezone);
  const [quietStart, setQuietStart] = useState(initial.quietHours.start);
  const [quietEnd, setQuietEnd] = useState(initial.quietHours.end);
  const [caps, setCaps] = useState<CapRow[]>(() => toCapRows(initial.caps));
  const [helpText, setHelpText] = useState(initial.helpText);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const save = useMutation(
    trpc.sendPolicy.save.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.sendPolicy.get.queryKey(), saved);
        setTimezone(saved.timezone);
        setHelpText(saved.helpText);
        setSavedAt(new Date());
      },
    }),
  );
  const errors = formErrors(save.error);
  const invalid = (field: string) => (errors.fields[field] ? { "aria-invalid": true, "aria-describedby": errorId(FORM_ID, field) } : {});

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSavedAt(null);
    save.mutate({ timezone: timezone.trim(), quietHours: { start: quietStart, end: quietEnd }, caps: fromCapRows(caps), helpText });
  }

  return (
    <form id={FORM_ID} onSubmit={onSubmit} noValidate className="space-y-6">
      <section aria-labelledby="policy-time-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
        <h3 id="policy-time-heading" className="text-sm font-semibold text-slate-900">Time zone and quiet hours</h3>
        <p className="mt-0.5 text-sm text-slate-500">
          Marketing messages (and transactional ones in journeys that ask for it) wait until the quiet window ends in the recipient&apos;s
          local time. The workspace time zone is used when a recipient&apos;s own zone cannot be told. Country rules such as the US 08:00–21:00
          window apply on top.
        </p>
        <div className="mt-4 grid grid-cols-[1fr_9rem_9rem] gap-3">
          <div>
            <label className="block text-sm font-medium text-slate-700">
              Workspace time zone
              <input
                type="text"
                list={TIME_ZONE_LIST_ID}
                value={timezone}
                onChange={(e) => setTimezone(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                placeholder="Europe/Paris"
                className={`${INPUT_CLASS} ${INVALID_BORDER_CLASS}`}
                {...invalid("timezone")}
              />
            </label>
            <FieldError id={errorId(FORM_ID, "timezone")} message={errors.fields.timezone} />
          </div>
          <div>
            <label className="block text-sm font-medium text-slate-700">
              Quiet from
              <input type="time" value={quietStart} onChange={(e) => setQuietStart(e.target.value)} required className={`${INPUT_CLASS} ${INVALID_BORDER_CLASS}`}
                {...invalid("quietHours.start")} />
            </label>
            <FieldError id={errorId(FORM_ID, "quietHours.start")} message={errors.fields["quietHours.start"]} />
          </div>
          <div>
            <label className="block text-sm font-medium text-slate-700">
              Until
              <input type="time" value={quietEnd} onChange={(e) => setQuietEnd(e.target.value)} required className={`${INPUT_CLASS} ${INVALID_BORDER_CLASS}`}
                {...invalid("quietHours.end")} />
            </label>
            <FieldError id={errorId(FORM_ID, "quietHours.end")} message={errors.fields["quietHours.end"]} />
          </div>
        </div>
        <p className="mt-2 text-xs text-slate-500">
          {quietStart === quietEnd
            ? "Start and end are the same: the workspace has no quiet hours (country rules still apply)."
            : `Held from ${quietStart} to ${quietEnd}${quietStart > quietEnd ? " the next morning" : ""}, recipient's local time.`}
        </p>
        <TimeZoneList />
      </section>

      <FrequencyCapsEditor formId={FORM_ID} rows={caps} onChange={setCaps} errors={errors.fields} />

      <section aria-labelledby="policy-help-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
        <h3 id="policy-help-heading" className="text-sm font-semibold text-slate-900">HELP reply</h3>
        <label className="mt-3 block text-sm font-medium text-slate-700">
          Text sent when someone replies HELP or INFO
          <textarea
            value={helpText}
            onChange={(e) => setHelpText(e.target.value)}
            rows={3}
            maxLength={HELP_TEXT_MAX}
            aria-describedby={[`${FORM_ID}-help-count`, errors.fields.helpText ? errorId(FORM_ID, "helpText") : ""].join(" ").trim()}
            aria-invalid={errors.fields.helpText ? true : undefined}
            className={`${INPUT_CLASS} ${INVALID_BORDER_CLASS}`}
          />
        </label>
        <p id={`${FORM_ID}-help-count`} className="mt-1 text-xs text-slate-500">
          {helpText.length}/{HELP_TEXT_MAX} characters. Say who you are and how to opt out (e.g. &ldquo;Reply STOP to opt out&rdquo;).
        </p>
        <FieldError id={errorId(FORM_ID, "helpText")} message={errors.fields.helpText} />
      </section>

      <div className="flex items-center gap-4">
        <button type="submit" disabled={save.isPending} className={PRIMARY_BUTTON_CLASS}>
          {save.isPending ? "Saving…" : "Save send policy"}
        </button>
        {savedAt ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved. New sends use it from now on.
          </p>
        ) : null}
      </div>
      <FormAlert form={errors.form} fieldCount={Object.keys(errors.fields).length} />
    </form>
  );
}
