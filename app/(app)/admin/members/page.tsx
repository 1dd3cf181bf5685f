import { MembersPanel } from "@/components/admin/members-panel";
import { getCurrentMembership } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export const metadata = { title: "Members · Admin · Switchboard" };

/** Access is checked by the admin layout; this page only needs to know who "you" are. */
export default async function MembersPage() {
  const current = await getCurrentMembership();
  if (!current) return null;
  return <MembersPanel currentUserId={current.user.id} />;
}
