"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/react";
import { ROLES, type Role } from "@/server/auth/permissions";
import { ConfirmAction } from "./confirm-action";
import { RowError } from "@/components/shell/row-error";

export type MemberRowData = { userId: string; email: string; name: string; role: Role };

export function MemberRow({ member, isSelf }: { member: MemberRowData; isSelf: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  // Changing or removing yourself can take Admin away: re-render the server side too.
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
    if (isSelf) router.refresh();
  };
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: refresh }));
  const error = changeRole.error ?? remove.error;

  return (
    <tr className="hover:bg-slate-50">
      <th scope="row" className="px-4 py-3 font-normal">
        <div className="font-medium text-slate-900">
          {member.email}
          {isSelf ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
        </div>
      </th>
      <td className="px-4 py-3 text-slate-700">{member.name}</td>
      <td className="px-4 py-3">
        <select
          aria-label={`Role for ${member.email}`}
          value={changeRole.isPending ? changeRole.variables.role : member.role}
          disabled={changeRole.isPending || remove.isPending}
          onChange={(e) => {
            remove.reset();
            changeRole.mutate({ userId: member.userId, role: e.target.value as Role });
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm capitalize shadow-xs focus:border-brand-500 disabled:opacity-60"
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td className="px-4 py-3 text-right whitespace-nowrap">
        <ConfirmAction
          label="Remove"
          accessibleLabel={`Remove ${member.email}`}
          question={`Remove ${member.email}?`}
          confirmLabel="Yes, remove"
          pending={remove.isPending}
          onConfirm={() => {
            changeRole.reset();
            remove.mutate({ userId: member.userId });
          }}
        />
        <RowError error={error} />
      </td>
    </tr>
  );
}
