import { AccessDenied } from "@/components/shell/access-denied";
import { JourneysPanel } from "@/components/journeys/journeys-panel";
import { can } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export const metadata = { title: "Journeys · Switchboard" };

export default async function JourneysPage() {
  const membership = (await getCurrentMembership())?.membership;
  if (!membership) return null; // the (app) layout already handled signed-out and workspace-less users
  if (!can(membership.role, "journeys.read")) return <AccessDenied area="Journeys" role={membership.role} />;
  return <JourneysPanel workspaceName={membership.workspaceName} canWrite={can(membership.role, "journeys.write")} />;
}
