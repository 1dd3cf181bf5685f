"use client";

import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import { ALERT_CLASS } from "./field-styles";
import { InviteMemberForm } from "./invite-member-form";
import { MemberRow } from "./member-row";

/** Everyone in the workspace, their roles, and the invite form. Admins only (members.manage). */
export function MembersPanel({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const members = useQuery(trpc.members.list.queryOptions());

  return (
    <div className="space-y-6">
      <InviteMemberForm />
      <section aria-labelledby="members-heading">
        <div className="mb-3 flex items-baseline gap-2">
          <h2 id="members-heading" className="text-sm font-semibold text-slate-900">Members</h2>
          {members.data ? <span className="text-sm text-slate-500">{members.data.length === 1 ? "1 person" : `${members.data.length} people`}</span> : null}
        </div>
        {members.error ? (
          <p role="alert" className={ALERT_CLASS}>
            {errorMessage(members.error)}
          </p>
        ) : !members.data ? (
          <p className="py-6 text-sm text-slate-500">Loading members…</p>
        ) : (
          <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Members of this workspace</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Email</th>
                  <th scope="col" className="px-4 py-2.5">Name</th>
                  <th scope="col" className="px-4 py-2.5">Role</th>
                  <th scope="col" className="px-4 py-2.5 text-right"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {members.data.map((m) => (
                  <MemberRow key={m.userId} member={m} isSelf={m.userId === currentUserId} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
