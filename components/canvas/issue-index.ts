/**
 * Validation issues grouped the way the canvas draws them: per node and per edge (badges),
 * plus the flat lists for the validation panel.
 */
import type { Issue } from "@/server/journey/validate";

export type IssueGroup = { errors: readonly Issue[]; warnings: readonly Issue[] };
export type IssueIndex = IssueGroup & {
  byNode: Readonly<Record<string, IssueGroup>>;
  byEdge: Readonly<Record<string, IssueGroup>>;
};

export const EMPTY_ISSUES: IssueIndex = { errors: [], warnings: [], byNode: {}, byEdge: {} };

export function indexIssues(result: { errors: readonly Issue[]; warnings: readonly Issue[] }): IssueIndex {
  const byNode: Record<string, { errors: Issue[]; warnings: Issue[] }> = {};
  const byEdge: Record<string, { errors: Issue[]; warnings: Issue[] }> = {};
  const file = (issue: Issue, level: "errors" | "warnings") => {
    if (issue.nodeId !== undefined) (byNode[issue.nodeId] ??= { errors: [], warnings: [] })[level].push(issue);
    if (issue.edgeId !== undefined) (byEdge[issue.edgeId] ??= { errors: [], warnings: [] })[level].push(issue);
  };
  result.errors.forEach((i) => file(i, "errors"));
  result.warnings.forEach((i) => file(i, "warnings"));
  return { errors: result.errors, warnings: result.warnings, byNode, byEdge };
}
