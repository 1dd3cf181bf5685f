import { z } from "zod";
import { ROLES } from "@/server/auth/permissions";
import { changeMemberRole, inviteMember, listMembers, removeMember } from "@/server/workspaces/members";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const manage = workspaceProcedure("members.manage");

export const membersRouter = createTRPCRouter({
  list: manage.query(({ ctx }) => listMembers(ctx.db, ctx.workspaceId)),
  invite: manage
    .input(z.object({ email: z.email(), name: z.string().trim().min(1).max(120), role: z.enum(ROLES) }))
    .mutation(({ ctx, input }) => inviteMember(ctx.db, ctx.workspaceId, input)),
  changeRole: manage
    .input(z.object({ userId: z.uuid(), role: z.enum(ROLES) }))
    .mutation(({ ctx, input }) => changeMemberRole(ctx.db, ctx.workspaceId, input, ctx.user.id)),
  remove: manage
    .input(z.object({ userId: z.uuid() }))
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.workspaceId, input.userId, ctx.user.id)),
});
