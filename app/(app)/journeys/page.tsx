import { getDb } from "@/db/client";
import { AccessDenied } from "@/components/shell/access-denied";
import { EmptyState } from "@/components/shell/empty-state";
import { formatDateTime, toIsoString } from "@/components/shell/format-date";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";
import { listJourneys, type JourneyListRow } from "@/server/journeys/list-journeys";

export const dynamic = "force-dynamic";

export const metadata = { title: "Journeys · Switchboard" };

const STATUS_STYLES: Record<JourneyListRow["status"], string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-200",
  live: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  paused: "bg-amber-50 text-amber-800 ring-amber-200",
  archived: "bg-slate-50 text-slate-500 ring-slate-200",
};

export default async function JourneysPage() {
  const membership = (await getCurrentMembership())?.membership;
  if (!membership) return null; // the (app) layout already handled signed-out and workspace-less users
  if (!can(membership.role, "journeys.read")) return <AccessDenied area="Journeys" role={membership.role} />;

  const rows = await listJourneys(getDb(), membership.workspaceId);
  return (
    <>
      <PageHeader title="Journeys" description={`Multi-step, multi-channel flows in ${membership.workspaceName}.`} />
      <div className="px-8 py-6">
        {rows.length === 0 ? (
          <EmptyState title="No journeys yet">Journeys you create or import will be listed here.</EmptyState>
        ) : (
          <JourneyTable rows={rows} />
        )}
      </div>
    </>
  );
}

function JourneyTable({ rows }: { rows: JourneyListRow[] }) {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Journeys in this workspace</caption>
        <thead className="whitespace-nowrap border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5">Name</th>
            <th scope="col" className="px-4 py-2.5">Status</th>
            <th scope="col" className="px-4 py-2.5">Purpose</th>
            <th scope="col" className="px-4 py-2.5">Live version</th>
            <th scope="col" className="px-4 py-2.5 text-right">Active runs</th>
            <th scope="col" className="px-4 py-2.5">Updated</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((j) => (
            <tr key={j.id} className="hover:bg-slate-50">
              <th scope="row" className="px-4 py-3 font-normal">
                <div className="font-medium text-slate-900">{j.name}</div>
                <div className="font-mono text-xs text-slate-500">{j.key}</div>
              </th>
              <td className="px-4 py-3">
                <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ${STATUS_STYLES[j.status]}`}>
                  {j.status}
                </span>
              </td>
              <td className="px-4 py-3 capitalize text-slate-700">{j.purpose}</td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-700">{j.liveVersion === null ? <span className="text-slate-400">Not published</span> : `v${j.liveVersion}`}</td>
              <td className="px-4 py-3 text-right tabular-nums text-slate-700">{j.activeRuns.toLocaleString("en-GB")}</td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                <time dateTime={toIsoString(j.updatedAt)}>{formatDateTime(j.updatedAt, "UTC")}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
