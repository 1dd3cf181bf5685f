"use client";

import { useQuery } from "@tanstack/react-query";
import { EmptyState } from "@/components/shell/empty-state";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import { ApiKeyRow } from "./api-key-row";
import { CreateApiKeyForm } from "./create-api-key-form";
import { ALERT_CLASS } from "./field-styles";

/** The workspace's API keys: create (shown once), list, revoke. Admins only (apiKeys.manage). */
export function ApiKeysPanel() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());

  return (
    <div className="space-y-6">
      <CreateApiKeyForm />
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="mb-3 text-sm font-semibold text-slate-900">API keys</h2>
        {keys.error ? (
          <p role="alert" className={ALERT_CLASS}>
            {errorMessage(keys.error)}
          </p>
        ) : !keys.data ? (
          <p className="py-6 text-sm text-slate-500">Loading keys…</p>
        ) : keys.data.length === 0 ? (
          <EmptyState title="No API keys yet">Create one above to call the REST API from your own systems.</EmptyState>
        ) : (
          <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">API keys of this workspace</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Name</th>
                  <th scope="col" className="px-4 py-2.5">Key</th>
                  <th scope="col" className="px-4 py-2.5">Created</th>
                  <th scope="col" className="px-4 py-2.5">Last used</th>
                  <th scope="col" className="px-4 py-2.5">Status</th>
                  <th scope="col" className="px-4 py-2.5 text-right"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.data.map((k) => (
                  <ApiKeyRow key={k.id} apiKey={k} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
