"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { ALERT_CLASS } from "@/components/admin/field-styles";
import { CHANNEL_LABELS } from "@/components/canvas/node-summary";
import { profileName } from "@/components/profiles/profile-name";
import { EmptyState } from "@/components/shell/empty-state";
import { formatDateTime } from "@/components/shell/format-date";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import type { InboundForReview } from "@/server/compliance/inbound-review";

/**
 * Replies that may be a request to stop but matched no keyword. Consent may be revoked "by any
 * reasonable means" and must be honoured within 10 business days, so oldest come first.
 */
export function InboundReviewPanel() {
  const trpc = useTRPC();
  const pending = useQuery(trpc.inbound.awaitingReview.queryOptions({}));
  return (
    <section aria-labelledby="inbound-review-heading">
      <div className="mb-3 flex items-baseline gap-2">
        <h2 id="inbound-review-heading" className="text-base font-semibold text-slate-900">Replies awaiting review</h2>
        {pending.data ? <span className="text-sm text-slate-500">{pending.data.total} waiting</span> : null}
      </div>
      <p className="mb-3 text-sm text-slate-500">
        Replies like &ldquo;please stop texting me&rdquo; are not keywords, so nothing was changed yet. Record an opt-out when the person
        asked to stop; it applies to the channel they replied on, for marketing and transactional messages alike.
      </p>
      {pending.error ? (
        <p role="alert" className={ALERT_CLASS}>
          {errorMessage(pending.error)}
        </p>
      ) : !pending.data ? (
        <p className="py-6 text-sm text-slate-500">Loading replies…</p>
      ) : pending.data.rows.length === 0 ? (
        <EmptyState title="Nothing to review">Replies that read like a request to stop appear here.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {pending.data.rows.map((reply) => (
            <InboundReviewItem key={reply.id} reply={reply} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InboundReviewItem({ reply }: { reply: InboundForReview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resolve = useMutation(
    trpc.inbound.resolve.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.inbound.awaitingReview.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.consent.optOuts.queryKey() }),
        ]),
    }),
  );
  const who = reply.profile ? (profileName(reply.profile.attributes) ?? reply.profile.externalId) : null;
  const noProfileId = `inbound-${reply.id}-no-profile`;

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      <blockquote className="text-sm text-slate-900">&ldquo;{reply.text}&rdquo;</blockquote>
      <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-500">
        <div>
          <dt className="inline">From </dt>
          <dd className="inline font-mono text-slate-700">{reply.from}</dd>
        </div>
        <div>
          <dt className="inline">Channel </dt>
          <dd className="inline text-slate-700">{CHANNEL_LABELS[reply.channel]}</dd>
        </div>
        <div>
          <dt className="inline">Profile </dt>
          <dd className="inline text-slate-700">
            {reply.profile ? (
              <Link href={`/profiles/${encodeURIComponent(reply.profile.externalId)}`} className="text-brand-700 underline-offset-2 hover:underline">
                {who}
              </Link>
            ) : (
              <span id={noProfileId}>No matching profile</span>
            )}
          </dd>
        </div>
        <div>
          <dt className="inline">Received </dt>
          <dd className="inline text-slate-700">
            <time dateTime={reply.receivedAt}>{formatDateTime(reply.receivedAt)}</time>
          </dd>
        </div>
      </dl>
      <div className="mt-3 flex items-center gap-2">
        <button
          type="button"
          disabled={resolve.isPending || !reply.profile}
          aria-describedby={reply.profile ? undefined : noProfileId}
          onClick={() => resolve.mutate({ id: reply.id, decision: "opt_out" })}
          className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-red-700 disabled:opacity-50"
        >
          Record opt-out
        </button>
        <button
          type="button"
          disabled={resolve.isPending}
          onClick={() => resolve.mutate({ id: reply.id, decision: "not_opt_out" })}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50 disabled:opacity-50"
        >
          Not an opt-out
        </button>
        {resolve.isPending ? <span className="text-sm text-slate-500">Saving…</span> : null}
      </div>
      {resolve.error ? (
        <p role="alert" className={`mt-2 ${ALERT_CLASS}`}>
          {errorMessage(resolve.error)}
        </p>
      ) : null}
    </li>
  );
}
