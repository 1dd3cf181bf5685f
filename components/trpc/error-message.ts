/** The message to show a user for a failed tRPC call: zod issues first, then the server's words. */
export function errorMessage(error: unknown): string {
  const e = error as { message?: string; data?: { zodIssues?: { message: string; path: (string | number)[] }[] | null } } | null;
  const issues = e?.data?.zodIssues;
  if (issues && issues.length > 0) return issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
  return e?.message || "Something went wrong.";
}
