/**
 * Parse a node's edited config with its type's schema and return the zod issues, paths
 * relative to the config, for the inspector to show next to each field.
 */
import type { z } from "zod";
import {
  BranchConfigSchema,
  ExitConfigSchema,
  SendConfigSchema,
  SplitConfigSchema,
  TriggerConfigSchema,
  UpdateProfileConfigSchema,
  WaitConfigSchema,
  WebhookConfigSchema,
  type NodeType,
} from "@/server/journey/schema";
import type { FieldIssue } from "./fields";

export const CONFIG_SCHEMAS: Record<NodeType, z.ZodType> = {
  trigger: TriggerConfigSchema,
  wait: WaitConfigSchema,
  send: SendConfigSchema,
  branch: BranchConfigSchema,
  split: SplitConfigSchema,
  update_profile: UpdateProfileConfigSchema,
  webhook: WebhookConfigSchema,
  exit: ExitConfigSchema,
};

type ZodIssue = z.core.$ZodIssue;

/**
 * A union (a condition) that matched no branch says only "Invalid input"; the branch that came
 * closest (fewest issues) says what is actually wrong.
 */
function closestIssues(issues: readonly ZodIssue[], prefix: readonly PropertyKey[] = []): FieldIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      if (closest.length > 0) return closestIssues(closest, path);
    }
    return [{ path, message: issue.message }];
  });
}

export function configIssues(type: NodeType, config: unknown): FieldIssue[] {
  const parsed = CONFIG_SCHEMAS[type].safeParse(config);
  return parsed.success ? [] : closestIssues(parsed.error.issues);
}
