/** Rows for integration tests: each call makes unique ones, so tests never collide. */
import { randomBytes } from "node:crypto";
import type { Db } from "../client";
import { memberships, profiles, users, workspaces } from "../schema";
import type { Role } from "@/server/auth/permissions";
import { hashPassword } from "@/server/auth/passwords";
import type { TrpcContext } from "@/server/api/trpc";
import { createCaller } from "@/server/api/root";

const unique = () => randomBytes(4).toString("hex");

export async function makeWorkspace(db: Db, name = `Workspace ${unique()}`) {
  const [ws] = await db.insert(workspaces).values({ name, slug: `ws-${unique()}` }).returning();
  return ws!;
}

export async function makeUser(db: Db, options: { password?: string; email?: string } = {}) {
  const email = options.email ?? `user-${unique()}@test.local`;
  const [user] = await db
    .insert(users)
    .values({ email, name: `User ${email}`, passwordHash: await hashPassword(options.password ?? "correct horse battery") })
    .returning();
  return user!;
}

export async function makeMember(db: Db, workspaceId: string, role: Role) {
  const user = await makeUser(db);
  await db.insert(memberships).values({ userId: user.id, workspaceId, role });
  return user;
}

export async function makeProfile(db: Db, workspaceId: string, values: Partial<typeof profiles.$inferInsert> = {}) {
  const [row] = await db
    .insert(profiles)
    .values({ workspaceId, externalId: `p_${unique()}`, ...values })
    .returning();
  return row!;
}

/** A tRPC caller acting as `user` in `workspaceId`, exactly as the HTTP handler builds it. */
export function callerFor(db: Db, user: { id: string; email: string } | null, workspaceId: string | null = null) {
  const ctx: TrpcContext = {
    db,
    user: user ? { id: user.id, email: user.email, name: null } : null,
    chosenWorkspaceId: workspaceId,
    resHeaders: new Headers(),
  };
  return { caller: createCaller(ctx), ctx };
}
