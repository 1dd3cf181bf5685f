import Link from "next/link";
import type { ReactNode } from "react";
import type { Membership } from "@/server/workspaces/memberships";
import { SideNav } from "./side-nav";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

export type AppShellProps = {
  user: { id: string; email: string | null; name: string | null };
  membership: Membership;
  workspaces: readonly Membership[];
  /** The actions the current role may take (server/auth/permissions.ts); decides the nav. */
  permissions: readonly string[];
  children: ReactNode;
};

/** The signed-in frame: sidebar (wordmark, workspace, nav, account) and the page to its right. */
export function AppShell({ user, membership, workspaces, permissions, children }: AppShellProps) {
  return (
    <div className="flex min-h-screen">
      <a href="#content"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3">
        Skip to content
      </a>
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="px-4 pb-3 pt-4">
          <Link href="/" className="flex items-center gap-2 rounded-md text-[15px] font-semibold tracking-tight text-slate-900">
            <span aria-hidden="true" className="flex size-6 items-center justify-center rounded-md bg-brand-600 text-xs font-bold text-white">
              S
            </span>
            Switchboard
          </Link>
        </div>
        <div className="px-4 pb-4">
          {/* Keyed by workspace so a switch made elsewhere (another tab) resets the local choice. */}
          <WorkspaceSwitcher key={membership.workspaceId} current={membership.workspaceId} workspaces={workspaces} />
        </div>
        <div className="flex-1 overflow-y-auto">
          <SideNav permissions={permissions} />
        </div>
        <UserMenu name={user.name} email={user.email} role={membership.role} />
      </aside>
      <main id="content" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
        {children}
      </main>
    </div>
  );
}
