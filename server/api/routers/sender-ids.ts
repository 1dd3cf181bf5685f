import { z } from "zod";
import { SenderIdInputSchema } from "@/server/compliance/sender-id-input";
import { SenderIdStatusSchema } from "@/server/compliance/sender-id-status";
import { addSenderId, deleteSenderId, listSenderIds, setSenderIdStatus } from "@/server/compliance/sender-ids";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const manage = workspaceProcedure("senderIds.manage");

export const senderIdsRouter = createTRPCRouter({
  list: manage.query(({ ctx }) => listSenderIds(ctx.db, ctx.workspaceId)),
  add: manage.input(SenderIdInputSchema).mutation(({ ctx, input }) => addSenderId(ctx.db, ctx.workspaceId, input)),
  setStatus: manage
    .input(z.object({ id: z.uuid(), status: SenderIdStatusSchema }))
    .mutation(({ ctx, input }) => setSenderIdStatus(ctx.db, ctx.workspaceId, input.id, input.status)),
  remove: manage.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => deleteSenderId(ctx.db, ctx.workspaceId, input.id)),
});
