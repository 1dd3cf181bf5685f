/**
 * What a failed tRPC call says beyond its message: the server's `AppError` code and details
 * (server/api/trpc.ts puts them in `data.appCode` / `data.appDetails`). Read defensively: a
 * network failure has none of it.
 */
import { IssueSchema, type Issue } from "@/server/journey/issue";

type ErrorData = { appCode?: unknown; appDetails?: unknown };

function dataOf(error: unknown): ErrorData {
  const data = (error as { data?: unknown } | null)?.data;
  return typeof data === "object" && data !== null ? (data as ErrorData) : {};
}

function detail(error: unknown, key: string): unknown {
  const details = dataOf(error).appDetails;
  return typeof details === "object" && details !== null ? (details as Record<string, unknown>)[key] : undefined;
}

/** The revision the server holds, when a save was refused because it named an older one. */
export function staleRevision(error: unknown): number | undefined {
  if (dataOf(error).appCode !== "CONFLICT") return undefined;
  const current = detail(error, "currentRevision");
  return typeof current === "number" ? current : undefined;
}

/** Validation errors the server refused to publish (or simulate) over. */
export function refusalIssues(error: unknown): Issue[] {
  const errors = detail(error, "errors");
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e) => {
    const parsed = IssueSchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Why a document was not a `switchboard.journey/v1` document, one line per problem. */
export function documentProblems(error: unknown): string[] {
  const issues = detail(error, "issues");
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((i) => {
    const issue = i as { path?: unknown; message?: unknown };
    if (typeof issue.message !== "string") return [];
    return [formatProblem(Array.isArray(issue.path) ? issue.path : [], issue.message)];
  });
}

/** "nodes.2.config.channel: Invalid option", or the bare message for the whole document. */
export function formatProblem(path: readonly unknown[], message: string): string {
  return path.length > 0 ? `${path.map(String).join(".")}: ${message}` : message;
}
