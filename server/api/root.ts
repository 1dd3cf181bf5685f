import { apiKeysRouter } from "./routers/api-keys";
import { journeysRouter } from "./routers/journeys";
import { consentRouter } from "./routers/consent";
import { inboundRouter } from "./routers/inbound";
import { membersRouter } from "./routers/members";
import { profileDetailRouter } from "./routers/profile-detail";
import { profilesRouter } from "./routers/profiles";
import { sendPolicyRouter } from "./routers/send-policy";
import { senderIdsRouter } from "./routers/sender-ids";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  workspace: workspaceRouter,
  members: membersRouter,
  apiKeys: apiKeysRouter,
  profiles: profilesRouter,
  journeys: journeysRouter,
  profileDetail: profileDetailRouter,
  senderIds: senderIdsRouter,
  sendPolicy: sendPolicyRouter,
  consent: consentRouter,
  inbound: inboundRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
