/**
 * tRPC foundations: the request context, the error shape the client sees, and the procedure
 * builders that authenticate and authorize once, so routers stay thin.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Db } from "@/db/client";
import { can, type Action } from "@/server/auth/permissions";
import { AppError, APP_ERROR_CODES, type AppErrorCode } from "@/server/errors";
import { resolveMembership, type Membership } from "@/server/workspaces/memberships";

export type TrpcContext = {
  db: Db;
  user: { id: string; email: string | null; name: string | null } | null;
  /** The workspace id the caller chose (cookie); verified against memberships per call. */
  chosenWorkspaceId: string | null;
  /** Lets procedures set cookies (workspace switch). */
  resHeaders: Headers | null;
};

const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // Unexpected failures are logged on the server; their text never reaches the caller.
      message: internal ? "Internal error" : shape.message,
      data: {
        ...shape.data,
        zodIssues: cause instanceof ZodError ? cause.issues : null,
        appCode: cause instanceof AppError ? cause.code : null,
        appDetails: cause instanceof AppError ? (cause.details ?? null) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Services throw AppError; turn it into the matching tRPC error, keeping it as the cause. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: APP_ERROR_CODES[cause.code as AppErrorCode].trpc, message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(appErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A procedure that runs inside the caller's current workspace, allowed only for `action`. */
export function workspaceProcedure(action: Action) {
  return protectedProcedure.use(async ({ ctx, next }) => {
    const membership: Membership | null = await resolveMembership(ctx.db, ctx.user.id, ctx.chosenWorkspaceId);
    if (!membership) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of any workspace." });
    if (!can(membership.role, action)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Your role (${membership.role}) may not do this.` });
    }
    return next({ ctx: { ...ctx, membership, workspaceId: membership.workspaceId } });
  });
}
