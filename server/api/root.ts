import { apiKeysRouter } from "./routers/api-keys";
import { membersRouter } from "./routers/members";
import { profilesRouter } from "./routers/profiles";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  workspace: workspaceRouter,
  members: membersRouter,
  apiKeys: apiKeysRouter,
  profiles: profilesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
