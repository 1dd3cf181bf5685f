/**
 * The one error shape of the public API: `{"error": {"code", "message", "issues"?}}`. Services
 * throw `AppError`; its code picks the status and its details become `issues` when they are
 * validation findings. Anything else is a 500 whose text is logged, never sent.
 */
import { z } from "zod";
import { APP_ERROR_CODES, isAppError } from "@/server/errors";
import { logger } from "@/server/logger";

export const ApiIssueSchema = z.object({
  /** Where in the input: `["events", 3, "name"]`; empty for the input as a whole. */
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  /** zod's issue code, or a journey validation code such as `node_unreachable`. */
  code: z.string().optional(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
});
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

export const API_ERROR_CODES = [...(Object.keys(APP_ERROR_CODES) as (keyof typeof APP_ERROR_CODES)[]), "INTERNAL"] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    issues: z.array(ApiIssueSchema).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

export function errorResponse(
  status: number,
  code: ApiErrorCode,
  message: string,
  options: { issues?: ApiIssue[]; headers?: HeadersInit } = {},
): Response {
  const body: ApiErrorBody = { error: { code, message, ...(options.issues?.length ? { issues: options.issues } : {}) } };
  return Response.json(body, { status, ...(options.headers ? { headers: options.headers } : {}) });
}

export function issuesFromZod(issues: readonly z.core.$ZodIssue[], prefix: readonly (string | number)[] = []): ApiIssue[] {
  return issues.map((issue) => ({
    path: [...prefix, ...issue.path.filter((p): p is string | number => typeof p !== "symbol")],
    message: issue.message,
    code: issue.code,
  }));
}

/**
 * Validation findings carried by an AppError: journey issues (`details.errors`, e.g. a refused
 * publish) or zod issues (`details.issues`, e.g. a document that is not a journey).
 */
export function issuesFromDetails(details: unknown): ApiIssue[] | undefined {
  if (!details || typeof details !== "object") return undefined;
  const { errors, issues } = details as { errors?: unknown; issues?: unknown };
  if (Array.isArray(errors)) {
    return errors.filter(isIssueLike).map((e) => ({
      path: Array.isArray(e.path) ? e.path : [],
      message: e.message,
      ...(typeof e.code === "string" ? { code: e.code } : {}),
      ...(typeof e.nodeId === "string" ? { nodeId: e.nodeId } : {}),
      ...(typeof e.edgeId === "string" ? { edgeId: e.edgeId } : {}),
    }));
  }
  if (Array.isArray(issues)) return issuesFromZod(issues.filter(isIssueLike) as unknown as z.core.$ZodIssue[]);
  return undefined;
}

type IssueLike = { message: string; path?: (string | number)[]; code?: unknown; nodeId?: unknown; edgeId?: unknown };
function isIssueLike(value: unknown): value is IssueLike {
  return typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string";
}

/** An error thrown by a handler or service, as the response the caller gets. */
export function responseForError(error: unknown, context: { method: string; path: string }): Response {
  if (isAppError(error)) {
    const issues = issuesFromDetails(error.details);
    return errorResponse(error.httpStatus, error.code, error.message, issues ? { issues } : {});
  }
  logger.error({ err: error, ...context }, "API request failed");
  return errorResponse(500, "INTERNAL", "Internal error");
}
