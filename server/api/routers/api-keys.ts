import { z } from "zod";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/workspaces/api-keys";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const manage = workspaceProcedure("apiKeys.manage");

export const apiKeysRouter = createTRPCRouter({
  list: manage.query(({ ctx }) => listApiKeys(ctx.db, ctx.workspaceId)),
  create: manage
    .input(z.object({ name: z.string().trim().min(1, "Give the key a name").max(80) }))
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.workspaceId, input, ctx.user.id)),
  revoke: manage.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.workspaceId, input.id)),
});
