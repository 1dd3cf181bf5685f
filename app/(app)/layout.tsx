import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { getDb } from "@/db/client";
import { ROLE_PERMISSIONS } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";
import { listMemberships } from "@/server/workspaces/memberships";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const current = await getCurrentMembership();
  if (!current) redirect("/sign-in");
  const { user, membership } = current;
  if (!membership) {
    return (
      <main className="mx-auto max-w-lg p-10 text-center">
        <h1 className="text-xl font-semibold">No workspace yet</h1>
        <p className="mt-2 text-slate-600">You are signed in as {user.email}, but no workspace has added you. Ask an admin to invite you.</p>
      </main>
    );
  }
  const workspaces = await listMemberships(getDb(), user.id);
  return (
    <AppShell user={user} membership={membership} workspaces={workspaces} permissions={[...ROLE_PERMISSIONS[membership.role]]}>
      {children}
    </AppShell>
  );
}
