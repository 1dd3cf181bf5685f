import { SendPolicyPanel } from "@/components/compliance/send-policy-panel";
import { AccessDenied } from "@/components/shell/access-denied";
import { can } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export const metadata = { title: "Send policy · Admin · Switchboard" };

export default async function SendPolicyPage() {
  const membership = (await getCurrentMembership())?.membership;
  if (!membership) return null;
  // Same permission as the sendPolicy router (server/api/routers/send-policy.ts).
  if (!can(membership.role, "providers.manage")) return <AccessDenied area="Send policy" role={membership.role} level={2} />;
  return <SendPolicyPanel />;
}
