import { notFound } from "next/navigation";
import { z } from "zod";
import { AccessDenied } from "@/components/shell/access-denied";
import { JourneyEditorPage } from "@/components/journeys/journey-editor-page";
import { can } from "@/server/auth/permissions";
import { getCurrentMembership } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export const metadata = { title: "Journey · Switchboard" };

export default async function JourneyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const membership = (await getCurrentMembership())?.membership;
  if (!membership) return null; // the (app) layout already handled signed-out and workspace-less users
  if (!can(membership.role, "journeys.read")) return <AccessDenied area="Journeys" role={membership.role} />;
  return (
    <JourneyEditorPage
      // A workspace switch must not keep another workspace's editor state.
      key={`${membership.workspaceId}:${id}`}
      journeyId={id}
      canWrite={can(membership.role, "journeys.write")}
      canPublish={can(membership.role, "journeys.publish")}
    />
  );
}
