import { getDb } from "@/db/client";
import { AccessDenied } from "@/components/shell/access-denied";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { StatCard } from "@/components/shell/stat-card";
import { analyticsOverview, type AnalyticsOverview, type ChannelCounts, type MessageBucket } from "@/server/analytics/overview";
import { can } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";
import type { Channel } from "@/server/journey/schema";

export const dynamic = "force-dynamic";

export const metadata = { title: "Analytics · Switchboard" };

const CHANNEL_LABELS: Record<Channel, string> = {
  sms: "SMS",
  whatsapp: "WhatsApp",
  email: "Email",
  push: "Push",
  in_app: "In-app",
  voice: "Voice",
};

/** Columns of the channel table, in the order a message moves through them. */
const BUCKET_COLUMNS: { bucket: MessageBucket; label: string; bar: string }[] = [
  { bucket: "inProgress", label: "In progress", bar: "bg-slate-300" },
  { bucket: "sent", label: "Sent", bar: "bg-brand-100" },
  { bucket: "delivered", label: "Delivered", bar: "bg-brand-500" },
  { bucket: "failed", label: "Failed", bar: "bg-red-400" },
  { bucket: "suppressed", label: "Suppressed", bar: "bg-amber-400" },
  { bucket: "other", label: "Other", bar: "bg-slate-500" },
];

const number = (n: number) => n.toLocaleString("en-GB");
const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${((part / whole) * 100).toFixed(1)}%`);

export default async function AnalyticsPage() {
  const membership = (await getCurrentMembership())?.membership;
  if (!membership) return null; // the (app) layout already handled signed-out and workspace-less users
  if (!can(membership.role, "analytics.read")) return <AccessDenied area="Analytics" role={membership.role} />;

  const overview = await analyticsOverview(getDb(), membership.workspaceId);
  const nothingYet = overview.messages.totals.total === 0 && overview.runs.started === 0;
  return (
    <>
      <PageHeader title="Analytics" description={`Every message and run in ${membership.workspaceName}, counted from the database.`} />
      <div className="space-y-8 px-8 py-6">
        {nothingYet ? (
          <EmptyState title="No messages sent yet">Figures appear here once a live journey sends its first message.</EmptyState>
        ) : (
          <>
            <Headlines overview={overview} />
            <section aria-labelledby="by-channel">
              <h2 id="by-channel" className="mb-3 text-sm font-semibold text-slate-900">Messages by channel</h2>
              {overview.messages.totals.total === 0 ? (
                <EmptyState title="No messages sent yet">Runs have started, but none has reached a send step.</EmptyState>
              ) : (
                <ChannelTable overview={overview} />
              )}
            </section>
          </>
        )}
      </div>
    </>
  );
}

function Headlines({ overview }: { overview: AnalyticsOverview }) {
  const { totals } = overview.messages;
  const handedOver = totals.sent + totals.delivered + totals.failed;
  return (
    <section aria-labelledby="headlines">
      <h2 id="headlines" className="sr-only">Headline figures</h2>
      <dl className="grid grid-cols-5 gap-4">
        <StatCard label="Messages" value={number(totals.total)} detail={`${number(totals.suppressed)} suppressed by policy`} />
        <StatCard label="Delivered" value={number(totals.delivered)}
          detail={`${percent(totals.delivered, handedOver)} of ${number(handedOver)} handed to a provider`} />
        <StatCard label="Runs started" value={number(overview.runs.started)} detail={`${number(overview.runs.inFlight)} still in flight`} />
        <StatCard label="Runs converted" value={number(overview.runs.converted)}
          detail={`${percent(overview.runs.converted, overview.runs.started)} of runs started`} />
        <StatCard label="Reached only thanks to a fallback" value={number(overview.fallbacks.reachedOnlyByFallback)}
          detail={`of ${number(overview.fallbacks.total)} fallback messages`} />
      </dl>
    </section>
  );
}

function ChannelTable({ overview }: { overview: AnalyticsOverview }) {
  const { byChannel, totals } = overview.messages;
  // "Other" only appears if the engine ever records a status this page doesn't know.
  const columns = BUCKET_COLUMNS.filter((c) => c.bucket !== "other" || totals.other > 0);
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Messages by channel and current status</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5">Channel</th>
            <th scope="col" className="w-1/4 px-4 py-2.5"><span className="sr-only">Share by status</span></th>
            <th scope="col" className="px-4 py-2.5 text-right">Total</th>
            {columns.map((c) => (
              <th key={c.bucket} scope="col" className="px-4 py-2.5 text-right">{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {byChannel.map((row) => (
            <ChannelRow key={row.channel} label={CHANNEL_LABELS[row.channel]} counts={row} columns={columns} />
          ))}
        </tbody>
        {byChannel.length > 1 ? (
          <tfoot className="border-t border-slate-200 bg-slate-50 font-medium">
            <ChannelRow label="All channels" counts={totals} columns={columns} />
          </tfoot>
        ) : null}
      </table>
      <p className="border-t border-slate-100 px-4 py-2.5 text-xs text-slate-500">
        Each message is counted once, by where it stands now: sent means handed to the provider with no receipt yet;
        delivered includes read, opened, clicked and replied. Reached only thanks to a fallback counts fallback messages
        delivered while the message they stood in for was not.
      </p>
    </div>
  );
}

function ChannelRow({ label, counts, columns }: { label: string; counts: Omit<ChannelCounts, "channel">; columns: typeof BUCKET_COLUMNS }) {
  return (
    <tr>
      <th scope="row" className="px-4 py-3 font-medium text-slate-900">{label}</th>
      <td className="px-4 py-3">
        <div aria-hidden="true" className="flex h-2 overflow-hidden rounded-full bg-slate-100">
          {columns.map((c) =>
            counts[c.bucket] > 0 ? <div key={c.bucket} className={c.bar} style={{ width: `${(counts[c.bucket] / counts.total) * 100}%` }} /> : null,
          )}
        </div>
      </td>
      <td className="px-4 py-3 text-right tabular-nums text-slate-900">{number(counts.total)}</td>
      {columns.map((c) => (
        <td key={c.bucket} className="px-4 py-3 text-right tabular-nums text-slate-700">{number(counts[c.bucket])}</td>
      ))}
    </tr>
  );
}
