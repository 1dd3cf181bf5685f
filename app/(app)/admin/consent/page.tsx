import { ConsentChangeForm } from "@/components/compliance/consent-change-form";
import { InboundReviewPanel } from "@/components/compliance/inbound-review-panel";
import { OptOutsTable } from "@/components/compliance/opt-outs-table";
import { AccessDenied } from "@/components/shell/access-denied";
import { can } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export const metadata = { title: "Consent · Admin · Switchboard" };

export default async function ConsentPage() {
  const membership = (await getCurrentMembership())?.membership;
  if (!membership) return null;
  if (!can(membership.role, "consent.manage")) return <AccessDenied area="Consent" role={membership.role} level={2} />;
  return (
    <div className="space-y-10">
      <InboundReviewPanel />
      <ConsentChangeForm />
      <OptOutsTable />
    </div>
  );
}
