import { CHANNEL_LABELS } from "@/components/canvas/node-summary";
import { EmptyState } from "@/components/shell/empty-state";
import { formatDateTime } from "@/components/shell/format-date";
import type { Channel } from "@/server/journey/schema";
import type { ProfileTimeline, TimelineInbound, TimelineMessage, TimelineRun } from "@/server/profiles/profile-timeline";

const CHANNEL_TONE: Record<Channel, string> = {
  sms: "bg-sky-100 text-sky-800",
  whatsapp: "bg-emerald-100 text-emerald-800",
  email: "bg-violet-100 text-violet-800",
  push: "bg-amber-100 text-amber-800",
  in_app: "bg-pink-100 text-pink-800",
  voice: "bg-slate-200 text-slate-800",
};

const STATUS_TONE: Record<string, string> = {
  suppressed: "text-red-700",
  failed: "text-red-700",
  undelivered: "text-red-700",
  cancelled: "text-slate-500",
  deferred: "text-amber-700",
  pending: "text-slate-600",
  sending: "text-slate-600",
};

const INBOUND_KINDS: Record<string, string> = {
  opt_out: "Opt-out keyword",
  opt_in: "Opt-in keyword",
  help: "HELP keyword",
  revocation_intent: "Possible opt-out",
  other: "Reply",
};

type Props = { items: ProfileTimeline["timeline"]; truncated: ProfileTimeline["truncated"] };

export function ProfileDetailTimeline({ items, truncated }: Props) {
  const limits = [
    truncated.messages ? "messages" : null,
    truncated.runs ? "journey runs" : null,
    truncated.inbound ? "replies" : null,
  ].filter(Boolean);
  return (
    <section aria-labelledby="profile-timeline-heading" className="min-w-0">
      <h2 id="profile-timeline-heading" className="mb-2 text-sm font-semibold text-slate-900">Timeline</h2>
      {items.length === 0 ? (
        <EmptyState title="No messages yet">Messages, journey runs and replies for this person appear here, newest first.</EmptyState>
      ) : (
        <ol className="space-y-3">
          {items.map((item) => (
            <li key={`${item.type}:${item.id}`}>
              {item.type === "message" ? <MessageCard message={item} /> : item.type === "run" ? <RunCard run={item} /> : <InboundCard reply={item} />}
            </li>
          ))}
        </ol>
      )}
      {limits.length > 0 ? <p className="mt-3 text-xs text-slate-500">Only the latest {limits.join(", ")} are shown.</p> : null}
    </section>
  );
}

function ChannelBadge({ channel }: { channel: Channel }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${CHANNEL_TONE[channel]}`}>{CHANNEL_LABELS[channel]}</span>;
}

function When({ at }: { at: string }) {
  return (
    <time dateTime={at} className="shrink-0 text-xs text-slate-500">
      {formatDateTime(at)}
    </time>
  );
}

function MessageCard({ message }: { message: TimelineMessage }) {
  const where = [message.journey?.name, message.nodeLabel ? `“${message.nodeLabel}”` : null].filter(Boolean).join(" · ");
  return (
    <article aria-label={`${CHANNEL_LABELS[message.channel]} message, ${message.statusText}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      <header className="flex items-start justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <ChannelBadge channel={message.channel} />
          <h3 className="truncate text-sm font-medium text-slate-900">{where || "Sent outside a journey"}</h3>
          <span className="text-xs capitalize text-slate-500">
            {message.purpose}
            {message.urgent ? " · urgent" : ""}
            {message.isFallback ? " · fallback" : ""}
          </span>
        </div>
        <When at={message.at} />
      </header>
      {message.subject ? <p className="mt-2 text-sm font-semibold text-slate-900">{message.subject}</p> : null}
      {message.body ? <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{message.body}</p> : null}
      <p className={`mt-2 text-sm font-medium ${STATUS_TONE[message.status] ?? "text-emerald-700"}`}>{message.statusText}</p>
      {message.from || message.to ? (
        <p className="mt-0.5 font-mono text-xs text-slate-500">
          {message.from ? `from ${message.from} ` : ""}
          {message.to ? `to ${message.to}` : ""}
          {message.provider ? ` · ${message.provider}` : ""}
        </p>
      ) : null}
      {message.history.length > 0 ? (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer text-slate-600 hover:text-slate-900">Status history ({message.history.length})</summary>
          <ol className="mt-1.5 space-y-0.5 border-l border-slate-200 pl-3">
            {message.history.map((h, i) => (
              <li key={i} className="flex gap-3">
                <time dateTime={h.at} className="w-36 shrink-0 text-slate-500">{formatDateTime(h.at)}</time>
                <span className="text-slate-800">{h.text}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </article>
  );
}

function RunCard({ run }: { run: TimelineRun }) {
  const ended = run.endedAt ? `ended ${formatDateTime(run.endedAt)}` : run.waitingFor ? `waiting for ${run.waitingFor.replace(/_/g, " ")}` : null;
  return (
    <article aria-label={`Journey run of ${run.journey.name}`} className="rounded-lg border border-slate-200 bg-slate-50 p-4">
      <header className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="text-sm font-medium text-slate-900">
            Entered <span className="font-semibold">{run.journey.name}</span>{" "}
            <span className="font-normal text-slate-500">(v{run.version})</span>
          </h3>
          <p className="text-xs text-slate-600">
            <span className="capitalize">{run.status}</span>
            {ended ? ` · ${ended}` : ""}
            {run.exitReason ? ` · exit: ${run.exitReason.replace(/_/g, " ")}` : ""}
            {run.convertedAt ? ` · converted ${formatDateTime(run.convertedAt)}` : ""}
          </p>
        </div>
        <When at={run.at} />
      </header>
      {run.steps.length > 0 ? (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer text-slate-600 hover:text-slate-900">
            Steps ({run.steps.length}
            {run.stepsTruncated ? ", latest only" : ""})
          </summary>
          <ol className="mt-1.5 space-y-0.5 border-l border-slate-200 pl-3">
            {run.steps.map((s) => (
              <li key={s.id} className="flex gap-3">
                <time dateTime={s.at} className="w-36 shrink-0 text-slate-500">{formatDateTime(s.at)}</time>
                <span className="min-w-0 break-words text-slate-800">
                  {s.nodeLabel ? <span className="font-medium">{s.nodeLabel}</span> : null} {s.kind.replace(/_/g, " ")}
                  {s.output ? <> → {s.output}</> : null}
                  {s.detail ? <span className="text-slate-500"> — {s.detail}</span> : null}
                </span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </article>
  );
}

function InboundCard({ reply }: { reply: TimelineInbound }) {
  return (
    <article aria-label={`Reply on ${CHANNEL_LABELS[reply.channel]}`} className="rounded-lg border border-dashed border-slate-300 bg-white p-4">
      <header className="flex items-start justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <ChannelBadge channel={reply.channel} />
          <h3 className="text-sm font-medium text-slate-900">{INBOUND_KINDS[reply.classification] ?? reply.classification}</h3>
          {!reply.reviewed ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Awaiting review</span> : null}
        </div>
        <When at={reply.at} />
      </header>
      <blockquote className="mt-2 text-sm text-slate-700">&ldquo;{reply.text}&rdquo;</blockquote>
      <p className="mt-0.5 font-mono text-xs text-slate-500">from {reply.from}</p>
    </article>
  );
}
