import {
  ListInboundReviewInputSchema,
  listInboundForReview,
  ResolveInboundInputSchema,
  resolveInboundReview,
} from "@/server/compliance/inbound-review";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const manage = workspaceProcedure("consent.manage");

export const inboundRouter = createTRPCRouter({
  awaitingReview: manage
    .input(ListInboundReviewInputSchema)
    .query(({ ctx, input }) => listInboundForReview(ctx.db, ctx.workspaceId, input)),
  resolve: manage
    .input(ResolveInboundInputSchema)
    .mutation(({ ctx, input }) => resolveInboundReview(ctx.db, ctx.workspaceId, input, { id: ctx.user.id, email: ctx.user.email })),
});
