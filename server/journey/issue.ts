/**
 * A problem found in a journey document: an error blocks publishing, a warning only shows on the
 * canvas. `nodeId`/`edgeId` let the canvas highlight the culprit; `path` points into the document.
 */
import { z } from "zod";
import type { JourneyNode } from "./schema";

export const IssueSchema = z.object({
  /** Stable, machine-readable (`node_unreachable`, `sms_segments`…); the canvas may key on it. */
  code: z.string(),
  /** Short, human, names the node or edge. */
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type Issue = z.infer<typeof IssueSchema>;

/** How messages name a node: its label when it has one (what the canvas shows), else its id. */
export function nodeName(node: Pick<JourneyNode, "id" | "label">): string {
  return `“${node.label?.trim() || node.id}”`;
}
