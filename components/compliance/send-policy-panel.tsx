"use client";

import { useQuery } from "@tanstack/react-query";
import { ALERT_CLASS } from "@/components/admin/field-styles";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import { SendPolicyForm } from "./send-policy-form";

export function SendPolicyPanel() {
  const trpc = useTRPC();
  const policy = useQuery(trpc.sendPolicy.get.queryOptions());
  return (
    <section aria-labelledby="send-policy-heading" className="space-y-6">
      <div>
        <h2 id="send-policy-heading" className="text-base font-semibold text-slate-900">Send policy</h2>
        <p className="mt-0.5 text-sm text-slate-500">When messages may go out, how often, and what a HELP reply says. Applies to every journey.</p>
      </div>
      {policy.error ? (
        <p role="alert" className={ALERT_CLASS}>
          {errorMessage(policy.error)}
        </p>
      ) : !policy.data ? (
        <p className="py-6 text-sm text-slate-500">Loading the send policy…</p>
      ) : (
        <SendPolicyForm initial={policy.data} />
      )}
    </section>
  );
}
