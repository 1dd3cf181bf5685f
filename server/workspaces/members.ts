/** People of a workspace: invite (a user with a one-time password, shown once), role, removal. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { generateOneTimePassword, hashPassword } from "@/server/auth/passwords";
import type { Role } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";

export async function listMembers(db: Db, workspaceId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.email));
}

/**
 * Adds a person to the workspace. A new email gets an account with a one-time password that
 * the admin passes on (returned once, never stored in clear); an existing account just joins.
 */
export async function inviteMember(db: Db, workspaceId: string, input: { email: string; name: string; role: Role }) {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    let oneTimePassword: string | null = null;
    let userId = existing?.id;
    if (!userId) {
      oneTimePassword = generateOneTimePassword();
      const [created] = await tx
        .insert(users)
        .values({ email, name: input.name, passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true })
        .returning({ id: users.id });
      userId = created!.id;
    }
    const inserted = await tx
      .insert(memberships)
      .values({ userId, workspaceId, role: input.role })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    if (inserted.length === 0) throw new AppError("CONFLICT", `${email} is already a member of this workspace.`);
    return { userId, email, oneTimePassword };
  });
}

export async function changeMemberRole(db: Db, workspaceId: string, input: { userId: string; role: Role }, actingUserId: string) {
  if (input.userId === actingUserId && input.role !== "admin") {
    await assertAnotherAdmin(db, workspaceId, actingUserId);
  }
  const updated = await db
    .update(memberships)
    .set({ role: input.role })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.userId)))
    .returning({ userId: memberships.userId });
  if (updated.length === 0) throw new AppError("NOT_FOUND", "No such member in this workspace.");
}

export async function removeMember(db: Db, workspaceId: string, userId: string, actingUserId: string) {
  if (userId === actingUserId) await assertAnotherAdmin(db, workspaceId, actingUserId);
  const deleted = await db
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  if (deleted.length === 0) throw new AppError("NOT_FOUND", "No such member in this workspace.");
}

/** A workspace must keep at least one admin, or nobody could manage it again. */
async function assertAnotherAdmin(db: Db, workspaceId: string, userId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "admin"), sql`${memberships.userId} <> ${userId}`));
  if (!row || row.n === 0) throw new AppError("CONFLICT", "A workspace needs at least one other admin first.");
}
