/**
 * Static validation of a journey document (the spec's "Static validation"): the schema first,
 * then the graph and content rules. Errors block publishing; warnings show on the canvas.
 *
 * Error codes: `unsupported_format`, `schema`, `trigger_missing`, `trigger_multiple`,
 * `duplicate_node_id`, `duplicate_edge_id`, `duplicate_case_name`, `reserved_case_name`,
 * `edge_unknown_source`, `edge_unknown_target`, `edge_unknown_handle`, `edge_into_trigger`,
 * `exit_has_edges`, `node_unreachable`, `cycle_without_wait`, `split_percent_sum`,
 * `await_outcome_unsupported`, `content_empty`, `template_invalid`.
 * Warning codes: `sms_segments`, `sms_unicode`, `sms_opt_out_missing`, `marketing_urgent`,
 * `await_fallback_unconnected`, `handle_multiple_edges`.
 */
import type { z } from "zod";
import { checkContent } from "./content-rules";
import { checkGraph, type Findings } from "./graph-rules";
import { type Issue, nodeName } from "./issue";
import { JOURNEY_FORMAT, type Journey, JourneySchema } from "./schema";

export { type Issue, IssueSchema } from "./issue";

export type ValidationResult = {
  /** No errors: the journey may be published. Warnings do not count. */
  ok: boolean;
  /** The parsed journey (defaults applied) whenever the schema accepts it, even with rule errors. */
  journey?: Journey;
  errors: Issue[];
  warnings: Issue[];
};

export function validateJourney(doc: unknown): ValidationResult {
  const parsed = JourneySchema.safeParse(doc);
  if (!parsed.success) {
    return { ok: false, errors: schemaIssues(doc, parsed.error), warnings: [] };
  }
  const journey = parsed.data;
  const findings: Findings = { errors: [], warnings: [] };
  checkGraph(journey, findings);
  checkSplits(journey, findings);
  checkContent(journey, findings);
  return { ok: findings.errors.length === 0, journey, ...findings };
}

/** A split sends everyone somewhere: its percents must add up to 100. */
function checkSplits(journey: Journey, { errors }: Findings): void {
  journey.nodes.forEach((node, index) => {
    if (node.type !== "split") return;
    const total = node.config.variants.reduce((sum, v) => sum + v.percent, 0);
    if (Math.abs(total - 100) > 1e-9) {
      errors.push({
        code: "split_percent_sum",
        message: `Node ${nodeName(node)}: the variants add up to ${Math.round(total * 100) / 100}%, not 100%.`,
        nodeId: node.id,
        path: ["nodes", index, "config", "variants"],
      });
    }
  });
}

// ---- schema errors -------------------------------------------------------------------------

type ZodIssue = z.core.$ZodIssue;

function schemaIssues(doc: unknown, error: z.ZodError): Issue[] {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    return [{ code: "schema", message: "A journey is a JSON object; this is not one.", path: [] }];
  }
  const raw = doc as Record<string, unknown>;
  // Another format (or none) means the rest of the document is not ours to judge.
  if (raw.format !== JOURNEY_FORMAT) {
    return [
      {
        code: "unsupported_format",
        message: `This is not a Switchboard journey: format must be "${JOURNEY_FORMAT}"${typeof raw.format === "string" ? `, not "${raw.format}"` : ""}.`,
        path: ["format"],
      },
    ];
  }
  return flattenIssues(error.issues).map((issue) => toIssue(raw, issue));
}

/** A union that matched no branch: report the branch that came closest, not "Invalid input". */
function flattenIssues(issues: readonly ZodIssue[], prefix: PropertyKey[] = []): ZodIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      if (closest.length > 0) return flattenIssues(closest, path);
    }
    return [{ ...issue, path }];
  });
}

/** zod's wording for the commonest slips, said the way an author would. */
function describe(issue: ZodIssue): string {
  if (issue.code === "invalid_type" && /received undefined$/.test(issue.message)) return "required";
  if (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) === 1) return "cannot be empty";
  if (issue.code === "unrecognized_keys") {
    return `unknown ${issue.keys.length === 1 ? "field" : "fields"} ${issue.keys.map((k) => `“${k}”`).join(", ")}`;
  }
  return issue.message;
}

function toIssue(doc: Record<string, unknown>, issue: ZodIssue): Issue {
  const message = describe(issue);
  const path = issue.path.filter((p): p is string | number => typeof p === "string" || typeof p === "number");
  const [top, index, ...rest] = path;
  const where = rest.length > 0 ? ` (${formatPath(rest)})` : "";
  if (top === "nodes" && typeof index === "number") {
    const node = itemAt(doc.nodes, index);
    const id = typeof node?.id === "string" ? node.id : undefined;
    const label = typeof node?.label === "string" ? node.label : undefined;
    const name = id === undefined ? `Node ${index + 1}` : `Node ${nodeName({ id, label })}`;
    return { code: "schema", message: `${name}${where}: ${message}`, ...(id === undefined ? {} : { nodeId: id }), path };
  }
  if (top === "edges" && typeof index === "number") {
    const edge = itemAt(doc.edges, index);
    const id = typeof edge?.id === "string" ? edge.id : undefined;
    const name = id === undefined ? `Edge ${index + 1}` : `Edge “${id}”`;
    return { code: "schema", message: `${name}${where}: ${message}`, ...(id === undefined ? {} : { edgeId: id }), path };
  }
  return { code: "schema", message: `${path.length > 0 ? formatPath(path) : "Journey"}: ${message}`, path };
}

function itemAt(list: unknown, index: number): Record<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  const item: unknown = list[index];
  return typeof item === "object" && item !== null ? (item as Record<string, unknown>) : undefined;
}

/** `config.cases[0].where`, as an author would write it. */
function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}
