import { CHANNEL_LABELS } from "@/components/canvas/node-summary";
import { formatDateTime } from "@/components/shell/format-date";
import type { ConsentFact } from "@/server/journey/context";
import { CHANNELS, PURPOSES, type Channel, type Purpose } from "@/server/journey/schema";
import { checkConsent } from "@/server/policy/consent";
import type { ProfileTimeline } from "@/server/profiles/profile-timeline";

type Consents = ProfileTimeline["consents"];

/** Current consent per channel and purpose (what the engine decides from), then the log it comes from. */
export function ProfileDetailConsents({ consents }: { consents: Consents }) {
  return (
    <>
      <section aria-labelledby="profile-consent-heading">
        <h2 id="profile-consent-heading" className="mb-2 text-sm font-semibold text-slate-900">Consent</h2>
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Whether each channel may be used, per purpose</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">Channel</th>
                {PURPOSES.map((p) => (
                  <th key={p} scope="col" className="px-3 py-2">{p}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {CHANNELS.map((channel) => (
                <tr key={channel}>
                  <th scope="row" className="px-3 py-2 font-medium text-slate-700">{CHANNEL_LABELS[channel]}</th>
                  {PURPOSES.map((purpose) => (
                    <td key={purpose} className="px-3 py-2">
                      <ConsentCell channel={channel} purpose={purpose} current={consents.current} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-1.5 text-xs text-slate-500">Marketing needs an opt-in; an opt-out under either purpose stops the whole channel.</p>
      </section>
      <section aria-labelledby="profile-consent-log-heading">
        <h2 id="profile-consent-log-heading" className="mb-2 text-sm font-semibold text-slate-900">Consent log</h2>
        {consents.log.length === 0 ? (
          <p className="text-sm text-slate-500">No consent recorded.</p>
        ) : (
          <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-xs">
            {consents.log.map((c) => (
              <li key={c.id} className="px-3 py-2">
                <div className="flex items-baseline justify-between gap-2">
                  <span className={c.status === "opted_out" ? "font-medium text-red-700" : "font-medium text-emerald-700"}>
                    {c.status === "opted_out" ? "Opted out" : "Opted in"}
                  </span>
                  <time dateTime={c.at} className="text-xs text-slate-500">{formatDateTime(c.at)}</time>
                </div>
                <div className="text-xs text-slate-600">
                  {CHANNEL_LABELS[c.channel]} · <span className="capitalize">{c.purpose}</span> · <span className="font-mono">{c.source}</span>
                </div>
              </li>
            ))}
          </ol>
        )}
        {consents.logTruncated ? <p className="mt-1.5 text-xs text-slate-500">Showing the latest {consents.log.length} records.</p> : null}
      </section>
    </>
  );
}

function ConsentCell({ channel, purpose, current }: { channel: Channel; purpose: Purpose; current: readonly ConsentFact[] }) {
  const stored = current.find((c) => c.channel === channel && c.purpose === purpose)?.status;
  const check = checkConsent({ channel, purpose }, current);
  if (check.ok) {
    return <span className="text-emerald-700">{stored === "opted_in" ? "Opted in" : "Allowed"}</span>;
  }
  return (
    <span className={check.reason === "opted_out" ? "text-red-700" : "text-slate-500"}>
      {check.reason === "opted_out" ? (stored === "opted_out" ? "Opted out" : "Blocked (opted out)") : "No opt-in"}
    </span>
  );
}
