"use client";

/** "New journey": a blank one (name and purpose) or a copy of a template; opens it in the editor. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { ALERT_CLASS, INPUT_CLASS, PRIMARY_BUTTON_CLASS } from "@/components/admin/field-styles";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import type { Purpose } from "@/server/journey/schema";
import { Dialog } from "./dialog";
import { TemplateGallery } from "./template-gallery";

const PURPOSES: { value: Purpose; label: string; hint: string }[] = [
  { value: "transactional", label: "Transactional", hint: "Orders, codes, reminders: sent without marketing consent." },
  { value: "marketing", label: "Marketing", hint: "Offers and news: needs opt-in, respects quiet hours and caps." },
];

export function CreateJourneyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState("");
  const [purpose, setPurpose] = useState<Purpose>("transactional");
  const create = useMutation(
    trpc.journeys.create.mutationOptions({
      onSuccess: async (journey) => {
        await queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() });
        router.push(`/journeys/${journey.id}`);
      },
    }),
  );
  const pendingTemplate = create.isPending && create.variables.kind === "template" ? create.variables.templateKey : undefined;

  const close = () => {
    create.reset();
    setName("");
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ kind: "blank", name, purpose });
  };

  return (
    <Dialog open={open} onClose={close} title="New journey" description="Start from a blank canvas or from a template." wide>
      <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 p-4" aria-labelledby={`${id}-blank`}>
        <h3 id={`${id}-blank`} className="text-sm font-semibold">Blank journey</h3>
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-700">Name</label>
          <input id={`${id}-name`} data-autofocus className={INPUT_CLASS} value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Purpose</legend>
          <div className="mt-1 grid grid-cols-2 gap-2">
            {PURPOSES.map((p) => (
              <label key={p.value} className="flex cursor-pointer gap-2 rounded-md border border-slate-200 p-2 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
                <input type="radio" name={`${id}-purpose`} value={p.value} checked={purpose === p.value} onChange={() => setPurpose(p.value)} className="mt-0.5 accent-brand-600" />
                <span>
                  <span className="block font-medium">{p.label}</span>
                  <span className="block text-xs text-slate-500">{p.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className={PRIMARY_BUTTON_CLASS} disabled={create.isPending}>
          {create.isPending && create.variables.kind === "blank" ? "Creating…" : "Create blank journey"}
        </button>
      </form>
      {create.error ? (
        <p role="alert" className={ALERT_CLASS}>
          {errorMessage(create.error)}
        </p>
      ) : null}
      <section aria-labelledby={`${id}-templates`} className="space-y-2">
        <h3 id={`${id}-templates`} className="text-sm font-semibold">Or start from a template</h3>
        <TemplateGallery pendingKey={pendingTemplate} disabled={create.isPending} onUse={(templateKey) => create.mutate({ kind: "template", templateKey })} />
      </section>
    </Dialog>
  );
}
