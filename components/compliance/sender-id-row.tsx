"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmAction } from "@/components/admin/confirm-action";
import { useTRPC } from "@/components/trpc/react";
import { SENDER_ID_STATUSES, type SenderIdStatus } from "@/server/compliance/sender-id-status";
import type { SenderIdView } from "@/server/compliance/sender-ids";
import { formatCountryList } from "./country-list";
import { SENDER_KIND_LABELS, SENDER_STATUS_LABELS } from "./sender-id-labels";
import { RowError } from "@/components/shell/row-error";

const STATUS_TONE: Record<SenderIdStatus, string> = {
  pending: "border-amber-300 bg-amber-50 text-amber-900",
  approved: "border-emerald-300 bg-emerald-50 text-emerald-900",
  rejected: "border-red-300 bg-red-50 text-red-900",
};

export function SenderIdRow({ sender }: { sender: SenderIdView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.senderIds.list.queryKey() });
  const setStatus = useMutation(trpc.senderIds.setStatus.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.senderIds.remove.mutationOptions({ onSuccess: refresh }));
  const error = setStatus.error ?? remove.error;
  const status = setStatus.isPending ? setStatus.variables.status : sender.status;

  return (
    <tr className="hover:bg-slate-50">
      <th scope="row" className="px-4 py-3 font-mono text-sm font-medium text-slate-900">
        {sender.value}
      </th>
      <td className="px-4 py-3 text-slate-700">{SENDER_KIND_LABELS[sender.kind]}</td>
      <td className="px-4 py-3 text-slate-700">{formatCountryList(sender.countries)}</td>
      <td className="px-4 py-3 capitalize text-slate-700">{sender.purposes ? sender.purposes.join(", ") : "All"}</td>
      <td className="px-4 py-3">
        <select
          aria-label={`Status of ${sender.value}`}
          value={status}
          disabled={setStatus.isPending || remove.isPending}
          onChange={(e) => {
            remove.reset();
            setStatus.mutate({ id: sender.id, status: e.target.value as SenderIdStatus });
          }}
          className={`rounded-md border px-2 py-1 text-sm shadow-xs focus:border-brand-500 disabled:opacity-60 ${STATUS_TONE[status]}`}
        >
          {SENDER_ID_STATUSES.map((s) => (
            <option key={s} value={s}>
              {SENDER_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </td>
      <td className="px-4 py-3 text-right whitespace-nowrap">
        <ConfirmAction
          label="Delete"
          accessibleLabel={`Delete sender ID ${sender.value}`}
          question={`Delete sender ID ${sender.value}?`}
          confirmLabel="Yes, delete"
          pending={remove.isPending}
          onConfirm={() => {
            setStatus.reset();
            remove.mutate({ id: sender.id });
          }}
        />
        <RowError error={error} />
      </td>
    </tr>
  );
}
