import { ProfileTable } from "@/components/profiles/profile-table";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export const metadata = { title: "Profiles · Switchboard" };

export default async function ProfilesPage() {
  const membership = (await getCurrentMembership())?.membership;
  if (!membership) return null; // the (app) layout already handled signed-out and workspace-less users
  if (!can(membership.role, "profiles.read")) return <AccessDenied area="Profiles" role={membership.role} />;
  return (
    <>
      <PageHeader title="Profiles" description="The people your journeys reach, with their channels and locale." />
      <div className="px-8 py-6">
        <ProfileTable />
      </div>
    </>
  );
}
