/**
 * The outputs (edge handles) of each node type. An edge leaves a node through one of these; a
 * run that takes an output with no edge ends (except a send's `fallback`, which falls through to
 * `next`: see the interpreter).
 */
import type { JourneyNode } from "./schema";

/** The fixed outputs of a send or webhook: success, then failure. */
export const SEND_OUTPUTS = ["next", "fallback"] as const;
/** The outputs of a wait `until_event`: the event came, or the timeout ran out. */
export const UNTIL_EVENT_OUTPUTS = ["event", "timeout"] as const;
/** The output a branch takes when no case holds. */
export const BRANCH_ELSE = "else";

export function outputsOf(node: JourneyNode): string[] {
  switch (node.type) {
    case "trigger":
    case "update_profile":
      return ["next"];
    case "wait":
      return node.config.mode === "until_event" ? [...UNTIL_EVENT_OUTPUTS] : ["next"];
    case "send":
    case "webhook":
      return [...SEND_OUTPUTS];
    case "branch":
      return [...node.config.cases.map((c) => c.name), BRANCH_ELSE];
    case "split":
      return node.config.variants.map((v) => v.name);
    case "exit":
      return [];
    default: {
      const _exhaustive: never = node;
      return _exhaustive;
    }
  }
}
