"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import type { Membership } from "@/server/workspaces/memberships";

export function WorkspaceSwitcher({ current, workspaces }: { current: string; workspaces: readonly Membership[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [selected, setSelected] = useState(current);
  const switchWorkspace = useMutation(
    trpc.workspace.switch.mutationOptions({
      onSuccess: async () => {
        // Every cached query belongs to the old workspace.
        await queryClient.invalidateQueries();
        router.refresh();
      },
      onError: () => setSelected(current),
    }),
  );

  return (
    <div>
      <div aria-hidden="true" className="mb-1 text-[11px] font-medium uppercase tracking-wide text-slate-400">
        Workspace
      </div>
      <select
        aria-label="Workspace"
        value={selected}
        disabled={switchWorkspace.isPending}
        onChange={(e) => {
          setSelected(e.target.value);
          switchWorkspace.mutate({ workspaceId: e.target.value });
        }}
        className="block w-full rounded-md border border-slate-200 bg-white px-2 py-1.5 text-sm font-medium text-slate-800 shadow-xs hover:border-slate-300 focus:border-brand-500 disabled:opacity-60"
      >
        {workspaces.map((w) => (
          <option key={w.workspaceId} value={w.workspaceId}>
            {w.workspaceName}
          </option>
        ))}
      </select>
      {switchWorkspace.error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {errorMessage(switchWorkspace.error)}
        </p>
      ) : null}
    </div>
  );
}
