"use client";

/**
 * The journeys page: every journey of the workspace with its status, purpose, last edit and
 * runs in flight, and (for roles that may write) creating, importing and housekeeping.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ALERT_CLASS, PRIMARY_BUTTON_CLASS } from "@/components/admin/field-styles";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import { CreateJourneyDialog } from "./create-journey-dialog";
import { ImportJourney } from "./import-journey";
import { JourneyRow } from "./journey-row";

export function JourneysPanel({ workspaceName, canWrite }: { workspaceName: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const journeys = useQuery(trpc.journeys.list.queryOptions());
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title="Journeys"
        description={`Multi-step, multi-channel flows in ${workspaceName}.`}
        actions={
          canWrite ? (
            <>
              <ImportJourney existing={journeys.data ?? []} />
              <button type="button" className={PRIMARY_BUTTON_CLASS} onClick={() => setCreating(true)}>
                New journey
              </button>
            </>
          ) : undefined
        }
      />
      <div className="px-8 py-6">
        {journeys.error ? (
          <p role="alert" className={ALERT_CLASS}>
            {errorMessage(journeys.error)}
          </p>
        ) : !journeys.data ? (
          <p className="py-6 text-sm text-slate-500">Loading journeys…</p>
        ) : journeys.data.length === 0 ? (
          <EmptyState title="No journeys yet">
            {canWrite ? "Create one from a blank canvas or a template, or import a journey file." : "Journeys your team creates will be listed here."}
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Journeys in this workspace</caption>
              <thead className="whitespace-nowrap border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Name</th>
                  <th scope="col" className="px-4 py-2.5">Status</th>
                  <th scope="col" className="px-4 py-2.5">Purpose</th>
                  <th scope="col" className="px-4 py-2.5">Last edited</th>
                  <th scope="col" className="px-4 py-2.5 text-right">Active runs</th>
                  <th scope="col" className="px-4 py-2.5 text-right"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {journeys.data.map((row) => (
                  <JourneyRow key={row.id} row={row} canWrite={canWrite} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {canWrite && <CreateJourneyDialog open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
