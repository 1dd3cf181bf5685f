import { getSendPolicySettings, saveSendPolicy } from "@/server/compliance/send-policy-settings";
import { SendPolicySchema } from "@/server/policy/send-policy";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

// No action of its own yet: quiet hours, caps and the HELP reply govern how the workspace's
// providers are used, so they sit with provider settings (admins only).
const manage = workspaceProcedure("providers.manage");

export const sendPolicyRouter = createTRPCRouter({
  get: manage.query(({ ctx }) => getSendPolicySettings(ctx.db, ctx.workspaceId)),
  save: manage.input(SendPolicySchema).mutation(({ ctx, input }) => saveSendPolicy(ctx.db, ctx.workspaceId, input)),
});
