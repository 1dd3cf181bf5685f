import { z } from "zod";
import { getProfileTimeline } from "@/server/profiles/profile-timeline";
import { ExternalIdSchema } from "@/server/profiles/upsert-profile";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const profileDetailRouter = createTRPCRouter({
  get: workspaceProcedure("profiles.read")
    .input(z.object({ externalId: ExternalIdSchema }))
    .query(({ ctx, input }) => getProfileTimeline(ctx.db, ctx.workspaceId, input.externalId)),
});
