"use client";

/** One journey in the list, with its housekeeping: rename in place, duplicate, export, archive. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { ConfirmAction } from "@/components/admin/confirm-action";
import { formatDateTime, toIsoString } from "@/components/shell/format-date";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import type { AppRouter } from "@/server/api/root";
import { ROW_BUTTON_CLASS } from "./button-styles";
import { downloadJson } from "./download-json";
import { JourneyStatusBadge } from "./journey-status-badge";
import { RowError } from "@/components/shell/row-error";

/** A row of `journeys.list`, as it arrives (dates as ISO strings). */
export type JourneyListItem = inferRouterOutputs<AppRouter>["journeys"]["list"][number];

function RenameForm({ row, onDone }: { row: JourneyListItem; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState(row.name);
  const rename = useMutation(
    trpc.journeys.rename.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() });
        onDone();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate({ id: row.id, name });
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-1.5" onKeyDown={(e) => e.key === "Escape" && onDone()}>
      <label htmlFor={id} className="sr-only">
        New name for {row.name}
      </label>
      <input
        id={id}
        autoFocus
        required
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.target.value)}
        className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-brand-500"
      />
      <button type="submit" className="rounded-md bg-brand-600 px-2 py-1 text-xs font-semibold text-white disabled:opacity-60" disabled={rename.isPending}>
        Save
      </button>
      <button type="button" className={ROW_BUTTON_CLASS} onClick={onDone}>
        Cancel
      </button>
      {rename.error ? (
        <p role="alert" className="w-full text-xs text-red-700">
          {errorMessage(rename.error)}
        </p>
      ) : null}
    </form>
  );
}

export function JourneyRow({ row, canWrite }: { row: JourneyListItem; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() });
  const duplicate = useMutation(
    trpc.journeys.duplicate.mutationOptions({
      onSuccess: async (copy) => {
        await refresh();
        router.push(`/journeys/${copy.id}`);
      },
    }),
  );
  const archive = useMutation(trpc.journeys.setArchived.mutationOptions({ onSuccess: refresh }));
  const exporting = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.journeys.export.queryOptions({ id: row.id }), staleTime: 0 }),
    onSuccess: (document) => downloadJson(`${row.key}.json`, document),
  });
  const error = duplicate.error ?? archive.error ?? exporting.error;
  const archived = row.status === "archived";

  return (
    <tr className="align-top hover:bg-slate-50">
      <th scope="row" className="px-4 py-3 font-normal">
        {renaming ? (
          <RenameForm row={row} onDone={() => setRenaming(false)} />
        ) : (
          <Link href={`/journeys/${row.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
            {row.name}
          </Link>
        )}
        <div className="font-mono text-xs text-slate-500">{row.key}</div>
      </th>
      <td className="px-4 py-3">
        <JourneyStatusBadge status={row.status} liveVersion={row.liveVersion} />
      </td>
      <td className="px-4 py-3 capitalize text-slate-700">{row.purpose}</td>
      <td className="px-4 py-3 text-slate-600">
        <div className="whitespace-nowrap">
          <time dateTime={toIsoString(row.updatedAt)}>{formatDateTime(row.updatedAt)}</time>
        </div>
        <div className="text-xs text-slate-500">{row.lastEditedBy ? `by ${row.lastEditedBy}` : "by no one yet"}</div>
      </td>
      <td className="px-4 py-3 text-right tabular-nums text-slate-700">{row.activeRuns.toLocaleString("en-GB")}</td>
      <td className="px-4 py-3 text-right">
        <div className="flex flex-wrap justify-end gap-0.5 whitespace-nowrap">
          {canWrite && !renaming && (
            <button type="button" className={ROW_BUTTON_CLASS} aria-label={`Rename ${row.name}`} onClick={() => setRenaming(true)}>
              Rename
            </button>
          )}
          {canWrite && (
            <button type="button" className={ROW_BUTTON_CLASS} aria-label={`Duplicate ${row.name}`} disabled={duplicate.isPending} onClick={() => duplicate.mutate({ id: row.id })}>
              {duplicate.isPending ? "Duplicating…" : "Duplicate"}
            </button>
          )}
          <button type="button" className={ROW_BUTTON_CLASS} aria-label={`Export ${row.name} as JSON`} disabled={exporting.isPending} onClick={() => exporting.mutate()}>
            Export
          </button>
          {canWrite &&
            (archived ? (
              <button type="button" className={ROW_BUTTON_CLASS} aria-label={`Restore ${row.name}`} disabled={archive.isPending} onClick={() => archive.mutate({ id: row.id, archived: false })}>
                Restore
              </button>
            ) : (
              <ConfirmAction
                label="Archive"
                accessibleLabel={`Archive ${row.name}`}
                question={`Archive ${row.name}? New runs stop entering it.`}
                confirmLabel="Yes, archive"
                pending={archive.isPending}
                onConfirm={() => archive.mutate({ id: row.id, archived: true })}
              />
            ))}
        </div>
        <RowError error={error} />
      </td>
    </tr>
  );
}
