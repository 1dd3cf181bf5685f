import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import type { Role } from "@/server/auth/permissions";

export type Membership = { workspaceId: string; workspaceName: string; workspaceSlug: string; role: Role };

function selectMemberships(db: Db) {
  return db
    .select({
      workspaceId: workspaces.id,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId));
}

export async function listMemberships(db: Db, userId: string): Promise<Membership[]> {
  return selectMemberships(db).where(eq(memberships.userId, userId)).orderBy(asc(workspaces.name));
}

/** The workspace the user is working in: the one they chose, if still a member, else their first. */
export async function resolveMembership(db: Db, userId: string, chosenWorkspaceId?: string | null): Promise<Membership | null> {
  const all = await listMemberships(db, userId);
  return all.find((m) => m.workspaceId === chosenWorkspaceId) ?? all[0] ?? null;
}

export async function findMembership(db: Db, userId: string, workspaceId: string): Promise<Membership | null> {
  const all = await selectMemberships(db).where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
  return all[0] ?? null;
}

/** The cookie that remembers which workspace a signed-in user is in. */
export const WORKSPACE_COOKIE = "sb_workspace";
