"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import { ROLES, type Role } from "@/server/auth/permissions";
import { ALERT_CLASS, INPUT_CLASS, PRIMARY_BUTTON_CLASS } from "./field-styles";
import { OneTimeSecret } from "./one-time-secret";

type Invited = { email: string; oneTimePassword: string | null };

export function InviteMemberForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [invited, setInvited] = useState<Invited | null>(null);
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() }),
    }),
  );

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setInvited(null);
    invite.mutate(
      { email: String(data.get("email") ?? "").trim(), name: String(data.get("name") ?? ""), role: String(data.get("role")) as Role },
      {
        onSuccess: (result) => {
          setInvited({ email: result.email, oneTimePassword: result.oneTimePassword });
          form.reset();
        },
      },
    );
  }

  return (
    <section aria-labelledby="invite-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      <h2 id="invite-heading" className="text-sm font-semibold text-slate-900">Invite a member</h2>
      <p className="mt-0.5 text-sm text-slate-500">New people get a one-time password to sign in with; people with an account join as they are.</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 grid grid-cols-[1fr_1fr_10rem_auto] items-end gap-3">
        <label className="text-sm font-medium text-slate-700">
          Email
          <input name="email" type="email" required autoComplete="off" placeholder="name@company.com" className={INPUT_CLASS} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Name
          <input name="name" type="text" required autoComplete="off" placeholder="Full name" className={INPUT_CLASS} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Role
          <select name="role" defaultValue={"marketer" satisfies Role} className={`${INPUT_CLASS} capitalize`}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={invite.isPending} className={PRIMARY_BUTTON_CLASS}>
          {invite.isPending ? "Inviting…" : "Invite"}
        </button>
      </form>
      {invite.error ? (
        <p role="alert" className={`mt-3 ${ALERT_CLASS}`}>
          {errorMessage(invite.error)}
        </p>
      ) : null}
      {invited ? (
        <div className="mt-4">
          {invited.oneTimePassword ? (
            <OneTimeSecret
              title={`${invited.email} was invited`}
              message={`Share this one-time password with ${invited.email}; it will not be shown again.`}
              secret={invited.oneTimePassword}
              copyLabel="Copy password"
              onDismiss={() => setInvited(null)}
            />
          ) : (
            <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              {invited.email} already had a Switchboard account, so they were added with their existing password.
            </p>
          )}
        </div>
      ) : null}
    </section>
  );
}
