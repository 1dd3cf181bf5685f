import { ListProfilesInputSchema, listProfiles } from "@/server/profiles/list-profiles";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const profilesRouter = createTRPCRouter({
  list: workspaceProcedure("profiles.read")
    .input(ListProfilesInputSchema)
    .query(({ ctx, input }) => listProfiles(ctx.db, ctx.workspaceId, input)),
});
