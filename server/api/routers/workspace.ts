import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ROLE_PERMISSIONS } from "@/server/auth/permissions";
import { findMembership, listMemberships, resolveMembership, WORKSPACE_COOKIE } from "@/server/workspaces/memberships";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const workspaceRouter = createTRPCRouter({
  /** Who the caller is, where they are, and what they may do there. */
  current: protectedProcedure.query(async ({ ctx }) => {
    const membership = await resolveMembership(ctx.db, ctx.user.id, ctx.chosenWorkspaceId);
    return {
      user: ctx.user,
      membership,
      permissions: membership ? ROLE_PERMISSIONS[membership.role] : [],
      workspaces: await listMemberships(ctx.db, ctx.user.id),
    };
  }),
  switch: protectedProcedure.input(z.object({ workspaceId: z.uuid() })).mutation(async ({ ctx, input }) => {
    const membership = await findMembership(ctx.db, ctx.user.id, input.workspaceId);
    if (!membership) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of that workspace." });
    ctx.resHeaders?.append("Set-Cookie", `${WORKSPACE_COOKIE}=${membership.workspaceId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`);
    return membership;
  }),
});
