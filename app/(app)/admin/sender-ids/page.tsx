import { SenderIdsPanel } from "@/components/compliance/sender-ids-panel";
import { AccessDenied } from "@/components/shell/access-denied";
import { can } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export const metadata = { title: "Sender IDs · Admin · Switchboard" };

export default async function SenderIdsPage() {
  const membership = (await getCurrentMembership())?.membership;
  if (!membership) return null;
  // The admin layout checks members.manage; sender IDs are a separate permission.
  if (!can(membership.role, "senderIds.manage")) return <AccessDenied area="Sender IDs" role={membership.role} level={2} />;
  return <SenderIdsPanel />;
}
