import { ProfileDetail } from "@/components/profiles/profile-detail";
import { AccessDenied } from "@/components/shell/access-denied";
import { can } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export const metadata = { title: "Profile · Switchboard" };

export default async function ProfileDetailPage({ params }: { params: Promise<{ externalId: string }> }) {
  const membership = (await getCurrentMembership())?.membership;
  if (!membership) return null; // the (app) layout already handled signed-out and workspace-less users
  if (!can(membership.role, "profiles.read")) return <AccessDenied area="Profiles" role={membership.role} />;
  const { externalId } = await params;
  return <ProfileDetail externalId={decodeURIComponent(externalId)} />;
}
