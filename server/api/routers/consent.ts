import { AdminConsentInputSchema, ListOptOutsInputSchema, listOptOuts, recordAdminConsent } from "@/server/compliance/consent-admin";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const manage = workspaceProcedure("consent.manage");

export const consentRouter = createTRPCRouter({
  optOuts: manage.input(ListOptOutsInputSchema).query(({ ctx, input }) => listOptOuts(ctx.db, ctx.workspaceId, input)),
  record: manage.input(AdminConsentInputSchema).mutation(({ ctx, input }) => recordAdminConsent(ctx.db, ctx.workspaceId, input)),
});
