/**
 * Splits a failed tRPC call into messages per form field (zod issues, keyed by their path
 * joined with dots: "value", "caps.0.max") and one message for the form as a whole (anything
 * that is not about a field: "already registered", "not found"…).
 */
export type FormErrors = { fields: Readonly<Record<string, string>>; form: string | null };

const NONE: FormErrors = { fields: {}, form: null };

type TrpcLikeError = {
  message?: string;
  data?: { zodIssues?: { message: string; path: (string | number)[] }[] | null } | null;
};

export function formErrors(error: unknown): FormErrors {
  if (!error) return NONE;
  const e = error as TrpcLikeError;
  const issues = e.data?.zodIssues ?? [];
  const fields: Record<string, string> = {};
  const loose: string[] = [];
  for (const issue of issues) {
    const key = issue.path.join(".");
    if (key === "") loose.push(issue.message);
    else fields[key] ??= issue.message;
  }
  if (issues.length > 0) return { fields, form: loose.length > 0 ? loose.join("; ") : null };
  return { fields, form: e.message || "Something went wrong." };
}
