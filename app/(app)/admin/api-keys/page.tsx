import { ApiKeysPanel } from "@/components/admin/api-keys-panel";
import { AccessDenied } from "@/components/shell/access-denied";
import { can } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export const metadata = { title: "API keys · Admin · Switchboard" };

export default async function ApiKeysPage() {
  const membership = (await getCurrentMembership())?.membership;
  if (!membership) return null;
  // The admin layout checks members.manage; keys are a separate permission.
  if (!can(membership.role, "apiKeys.manage")) return <AccessDenied area="API keys" role={membership.role} level={2} />;
  return <ApiKeysPanel />;
}
