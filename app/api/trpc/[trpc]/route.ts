import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/db/client";
import { appRouter } from "@/server/api/root";
import { getSessionUser } from "@/server/auth/session";
import { WORKSPACE_COOKIE } from "@/server/workspaces/memberships";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async ({ resHeaders }) => ({
      db: getDb(),
      user: await getSessionUser(),
      chosenWorkspaceId: readCookie(req.headers.get("cookie"), WORKSPACE_COOKIE),
      resHeaders,
    }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed`, error.cause ?? error);
    },
  });
}

function readCookie(header: string | null, name: string): string | null {
  const match = header?.split(/;\s*/).find((c) => c.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : null;
}

export { handler as GET, handler as POST };
