"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/shell/empty-state";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import { pageInfo } from "./pagination";
import { profileName } from "./profile-name";
import { useDebouncedValue } from "./use-debounced-value";

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

export function ProfileTable() {
  const trpc = useTRPC();
  const [searchInput, setSearchInput] = useState("");
  const search = useDebouncedValue(searchInput.trim(), SEARCH_DELAY_MS);
  // The page belongs to the search it was chosen for: a new search starts again at page 1.
  const [paging, setPaging] = useState({ search, page: 1 });
  const requestedPage = paging.search === search ? paging.page : 1;

  const query = useQuery({
    ...trpc.profiles.list.queryOptions({ search: search || undefined, page: requestedPage, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const info = data ? pageInfo(data.total, data.page, data.pageSize) : null;
  const goTo = (page: number) => setPaging({ search, page });

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <input
          type="search"
          aria-label="Search profiles"
          placeholder="Search by external id, name, phone or email"
          value={searchInput}
          onChange={(e) => setSearchInput(e.target.value)}
          className="w-96 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-xs placeholder:text-slate-400 focus:border-brand-500"
        />
        <p aria-live="polite" className="text-sm text-slate-500">
          {data ? `${data.total.toLocaleString("en-GB")} ${data.total === 1 ? "profile" : "profiles"}` : null}
        </p>
      </div>

      {query.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {errorMessage(query.error)}
        </p>
      ) : null}

      {!data ? (
        query.isPending ? <p className="py-10 text-center text-sm text-slate-500">Loading profiles…</p> : null
      ) : data.rows.length === 0 ? (
        <EmptyState title={search ? "No profiles match" : "No profiles yet"}>
          {search ? `Nothing found for “${search}”. Try part of a name, phone number or email.` : "Profiles sent through the API or imported appear here."}
        </EmptyState>
      ) : (
        <>
          <div className={`overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs transition-opacity ${query.isPlaceholderData ? "opacity-60" : ""}`}
            aria-busy={query.isFetching}>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Profiles</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2.5">External ID</th>
                  <th scope="col" className="px-4 py-2.5">Name</th>
                  <th scope="col" className="px-4 py-2.5">Phone</th>
                  <th scope="col" className="px-4 py-2.5">Email</th>
                  <th scope="col" className="px-4 py-2.5">Country</th>
                  <th scope="col" className="px-4 py-2.5">Time zone</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.rows.map((p) => (
                  <tr key={p.id} className="hover:bg-slate-50">
                    <th scope="row" className="px-4 py-2.5 font-mono text-xs font-normal text-slate-900">
                      <Link href={`/profiles/${encodeURIComponent(p.externalId)}`} className="text-brand-700 underline-offset-2 hover:underline">
                        {p.externalId}
                      </Link>
                    </th>
                    <td className="px-4 py-2.5 text-slate-900">{orDash(profileName(p.attributes))}</td>
                    <td className="px-4 py-2.5 tabular-nums text-slate-700">{orDash(p.phone)}</td>
                    <td className="px-4 py-2.5 text-slate-700">{orDash(p.email)}</td>
                    <td className="px-4 py-2.5 text-slate-700">{orDash(p.country)}</td>
                    <td className="px-4 py-2.5 text-slate-700">{orDash(p.timezone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {info ? (
            <nav aria-label="Pagination" className="flex items-center justify-between text-sm text-slate-600">
              <p>
                Showing {info.firstRow}–{info.lastRow} of {data.total.toLocaleString("en-GB")}
              </p>
              <div className="flex items-center gap-3">
                <button type="button" onClick={() => goTo(info.page - 1)} disabled={!info.hasPrevious || query.isFetching}
                  className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 shadow-xs hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50">
                  Previous
                </button>
                <span aria-live="polite">Page {info.page} of {info.pageCount}</span>
                <button type="button" onClick={() => goTo(info.page + 1)} disabled={!info.hasNext || query.isFetching}
                  className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 shadow-xs hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50">
                  Next
                </button>
              </div>
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}

function orDash(value: string | null) {
  return value ? value : <span className="text-slate-400" aria-label="none">—</span>;
}
