import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { resolveMembership, WORKSPACE_COOKIE, type Membership } from "@/server/workspaces/memberships";
import { authOptions } from "./options";

export type SessionUser = { id: string; email: string | null; name: string | null };

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return id ? { id, email: session.user?.email ?? null, name: session.user?.name ?? null } : null;
}

/** The signed-in user and their current workspace, for server components. */
export async function getCurrentMembership(): Promise<{ user: SessionUser; membership: Membership | null } | null> {
  const user = await getSessionUser();
  if (!user) return null;
  const chosen = (await cookies()).get(WORKSPACE_COOKIE)?.value ?? null;
  return { user, membership: await resolveMembership(getDb(), user.id, chosen) };
}
