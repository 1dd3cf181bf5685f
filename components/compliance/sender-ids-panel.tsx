"use client";

import { useQuery } from "@tanstack/react-query";
import { ALERT_CLASS } from "@/components/admin/field-styles";
import { EmptyState } from "@/components/shell/empty-state";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import { SenderIdForm } from "./sender-id-form";
import { SenderIdRow } from "./sender-id-row";

/** The workspace's SMS senders: registration status, where and for what each may be used. */
export function SenderIdsPanel() {
  const trpc = useTRPC();
  const senders = useQuery(trpc.senderIds.list.queryOptions());

  return (
    <section aria-labelledby="sender-ids-heading" className="space-y-6">
      <div>
        <h2 id="sender-ids-heading" className="text-base font-semibold text-slate-900">Sender IDs</h2>
        <p className="mt-0.5 text-sm text-slate-500">
          Each SMS leaves from an approved sender registered for the recipient&apos;s country and the message&apos;s purpose; with none, the
          message is suppressed.
        </p>
      </div>
      <SenderIdForm />
      <section aria-labelledby="sender-list-heading">
        <h3 id="sender-list-heading" className="mb-3 text-sm font-semibold text-slate-900">Registered senders</h3>
        {senders.error ? (
          <p role="alert" className={ALERT_CLASS}>
            {errorMessage(senders.error)}
          </p>
        ) : !senders.data ? (
          <p className="py-6 text-sm text-slate-500">Loading sender IDs…</p>
        ) : senders.data.length === 0 ? (
          <EmptyState title="No sender IDs yet">Add the numbers and alphanumeric IDs you have registered with your SMS provider.</EmptyState>
        ) : (
          <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Sender IDs of this workspace</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Sender ID</th>
                  <th scope="col" className="px-4 py-2.5">Kind</th>
                  <th scope="col" className="px-4 py-2.5">Countries</th>
                  <th scope="col" className="px-4 py-2.5">Purposes</th>
                  <th scope="col" className="px-4 py-2.5">Status</th>
                  <th scope="col" className="px-4 py-2.5 text-right"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {senders.data.map((s) => (
                  <SenderIdRow key={s.id} sender={s} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
