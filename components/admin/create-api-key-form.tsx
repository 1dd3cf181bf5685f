"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import { ALERT_CLASS, INPUT_CLASS, PRIMARY_BUTTON_CLASS } from "./field-styles";
import { OneTimeSecret } from "./one-time-secret";

export function CreateApiKeyForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }),
    }),
  );

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setCreated(null);
    create.mutate(
      { name: String(new FormData(form).get("name") ?? "") },
      {
        onSuccess: (result) => {
          setCreated({ name: result.name, key: result.key });
          form.reset();
        },
      },
    );
  }

  return (
    <section aria-labelledby="create-key-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      <h2 id="create-key-heading" className="text-sm font-semibold text-slate-900">Create an API key</h2>
      <p className="mt-0.5 text-sm text-slate-500">Keys act for this workspace on the REST API: profiles, events, consent and journeys.</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 flex items-end gap-3">
        <label className="w-96 text-sm font-medium text-slate-700">
          Name
          <input name="name" type="text" required maxLength={80} autoComplete="off" placeholder="e.g. Checkout service" className={INPUT_CLASS} />
        </label>
        <button type="submit" disabled={create.isPending} className={PRIMARY_BUTTON_CLASS}>
          {create.isPending ? "Creating…" : "Create key"}
        </button>
      </form>
      {create.error ? (
        <p role="alert" className={`mt-3 ${ALERT_CLASS}`}>
          {errorMessage(create.error)}
        </p>
      ) : null}
      {created ? (
        <div className="mt-4">
          <OneTimeSecret
            title={`Key “${created.name}” created`}
            message="Copy this key now; it will not be shown again."
            secret={created.key}
            copyLabel="Copy key"
            onDismiss={() => setCreated(null)}
          />
        </div>
      ) : null}
    </section>
  );
}
