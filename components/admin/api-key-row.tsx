"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatDateTime } from "@/components/shell/format-date";
import { useTRPC } from "@/components/trpc/react";
import { ConfirmAction } from "./confirm-action";
import { RowError } from "@/components/shell/row-error";

export type ApiKeyRowData = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

export function ApiKeyRow({ apiKey }: { apiKey: ApiKeyRowData }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }),
    }),
  );
  const active = apiKey.revokedAt === null;

  return (
    <tr className={`hover:bg-slate-50 ${active ? "" : "text-slate-400"}`}>
      <th scope="row" className={`px-4 py-3 font-medium ${active ? "text-slate-900" : ""}`}>{apiKey.name}</th>
      <td className="px-4 py-3 font-mono text-xs">{apiKey.prefix}…</td>
      <td className="px-4 py-3">{formatDateTime(apiKey.createdAt)}</td>
      <td className="px-4 py-3">{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : "Never"}</td>
      <td className="px-4 py-3">
        {active ? (
          <span className="inline-flex rounded px-1.5 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-inset ring-emerald-200 bg-emerald-50">Active</span>
        ) : (
          <span className="inline-flex rounded px-1.5 py-0.5 text-xs font-medium text-slate-500 ring-1 ring-inset ring-slate-200 bg-slate-50"
            title={`Revoked ${formatDateTime(apiKey.revokedAt!)}`}>
            Revoked
          </span>
        )}
      </td>
      <td className="px-4 py-3 text-right whitespace-nowrap">
        {active ? (
          <ConfirmAction
            label="Revoke"
            accessibleLabel={`Revoke ${apiKey.name}`}
            question={`Revoke “${apiKey.name}”? Calls using it will fail.`}
            confirmLabel="Yes, revoke"
            pending={revoke.isPending}
            onConfirm={() => revoke.mutate({ id: apiKey.id })}
          />
        ) : null}
        <RowError error={revoke.error} />
      </td>
    </tr>
  );
}
