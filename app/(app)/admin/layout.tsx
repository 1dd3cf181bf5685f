import type { ReactNode } from "react";
import { AdminTabs, type AdminTab } from "@/components/admin/admin-tabs";
import { AccessDenied } from "@/components/shell/access-denied";
import { can } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const membership = (await getCurrentMembership())?.membership;
  if (!membership) return null; // the (app) layout already handled signed-out and workspace-less users
  // Rendered, not redirected: someone following a link should learn why they can't go further.
  if (!can(membership.role, "members.manage")) return <AccessDenied area="Admin" role={membership.role} />;

  const tabs: AdminTab[] = [{ href: "/admin/members", label: "Members" }];
  if (can(membership.role, "apiKeys.manage")) tabs.push({ href: "/admin/api-keys", label: "API keys" });
  if (can(membership.role, "senderIds.manage")) tabs.push({ href: "/admin/sender-ids", label: "Sender IDs" });
  if (can(membership.role, "providers.manage")) tabs.push({ href: "/admin/send-policy", label: "Send policy" });
  if (can(membership.role, "consent.manage")) tabs.push({ href: "/admin/consent", label: "Consent" });
  return (
    <>
      <header className="border-b border-slate-200 bg-white px-8 pt-5">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Admin</h1>
        <p className="mt-1 mb-4 text-sm text-slate-500">People, API access and messaging compliance for {membership.workspaceName}.</p>
        <AdminTabs tabs={tabs} />
      </header>
      <div className="max-w-5xl px-8 py-6">{children}</div>
    </>
  );
}
