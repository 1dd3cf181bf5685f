"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ALERT_CLASS } from "@/components/admin/field-styles";
import { CHANNEL_LABELS } from "@/components/canvas/node-summary";
import { pageInfo } from "@/components/profiles/pagination";
import { EmptyState } from "@/components/shell/empty-state";
import { formatDateTime } from "@/components/shell/format-date";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";

const PAGE_SIZE = 25;
const PAGER_BUTTON =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 shadow-xs hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50";

/** Every opt-out in the consent log, newest first: keywords, reviews, imports and admins alike. */
export function OptOutsTable() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const query = useQuery({ ...trpc.consent.optOuts.queryOptions({ page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const data = query.data;
  const info = data ? pageInfo(data.total, data.page, data.pageSize) : null;

  return (
    <section aria-labelledby="opt-outs-heading">
      <div className="mb-3 flex items-baseline gap-2">
        <h2 id="opt-outs-heading" className="text-base font-semibold text-slate-900">Recent opt-outs</h2>
        {data ? <span className="text-sm text-slate-500">{data.total.toLocaleString("en-GB")} in the log</span> : null}
      </div>
      {query.error ? (
        <p role="alert" className={ALERT_CLASS}>
          {errorMessage(query.error)}
        </p>
      ) : !data ? (
        <p className="py-6 text-sm text-slate-500">Loading opt-outs…</p>
      ) : data.rows.length === 0 ? (
        <EmptyState title="No opt-outs yet">STOP replies, reviewed replies and opt-outs recorded here or through the API are listed here.</EmptyState>
      ) : (
        <>
          <div aria-busy={query.isFetching}
            className={`overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs transition-opacity ${query.isPlaceholderData ? "opacity-60" : ""}`}>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Opt-outs, newest first</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2.5">When</th>
                  <th scope="col" className="px-4 py-2.5">Profile</th>
                  <th scope="col" className="px-4 py-2.5">Channel</th>
                  <th scope="col" className="px-4 py-2.5">Purpose</th>
                  <th scope="col" className="px-4 py-2.5">Source</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.rows.map((row) => (
                  <tr key={row.id}>
                    <td className="px-4 py-2.5 whitespace-nowrap text-slate-700">
                      <time dateTime={row.at}>{formatDateTime(row.at)}</time>
                    </td>
                    <th scope="row" className="px-4 py-2.5 font-mono text-xs font-normal">
                      <Link href={`/profiles/${encodeURIComponent(row.externalId)}`} className="text-brand-700 underline-offset-2 hover:underline">
                        {row.externalId}
                      </Link>
                    </th>
                    <td className="px-4 py-2.5 text-slate-700">{CHANNEL_LABELS[row.channel]}</td>
                    <td className="px-4 py-2.5 capitalize text-slate-700">{row.purpose}</td>
                    <td className="px-4 py-2.5 font-mono text-xs text-slate-600">{row.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {info && info.pageCount > 1 ? (
            <nav aria-label="Opt-outs pages" className="mt-3 flex items-center justify-between text-sm text-slate-600">
              <p>
                Showing {info.firstRow}–{info.lastRow} of {data.total.toLocaleString("en-GB")}
              </p>
              <div className="flex items-center gap-3">
                <button type="button" onClick={() => setPage(info.page - 1)} disabled={!info.hasPrevious || query.isFetching} className={PAGER_BUTTON}>
                  Previous
                </button>
                <span aria-live="polite">Page {info.page} of {info.pageCount}</span>
                <button type="button" onClick={() => setPage(info.page + 1)} disabled={!info.hasNext || query.isFetching} className={PAGER_BUTTON}>
                  Next
                </button>
              </div>
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
