/**
 * React Flow's node components by journey node type. A module constant: a new object on each
 * render would make React Flow re-mount every node. Each card gives way to a compact box when
 * zoomed far out (`level-of-detail.tsx`).
 */
import type { NodeTypes } from "@xyflow/react";
import type { NodeType } from "@/server/journey/schema";
import { BranchNode } from "./branch-node";
import { ExitNode } from "./exit-node";
import { withLevelOfDetail } from "./level-of-detail";
import { SendNode } from "./send-node";
import { SplitNode } from "./split-node";
import { TriggerNode } from "./trigger-node";
import { UpdateProfileNode } from "./update-profile-node";
import { WaitNode } from "./wait-node";
import { WebhookNode } from "./webhook-node";

export const nodeTypes = {
  trigger: withLevelOfDetail(TriggerNode),
  wait: withLevelOfDetail(WaitNode),
  send: withLevelOfDetail(SendNode),
  branch: withLevelOfDetail(BranchNode),
  split: withLevelOfDetail(SplitNode),
  update_profile: withLevelOfDetail(UpdateProfileNode),
  webhook: withLevelOfDetail(WebhookNode),
  exit: withLevelOfDetail(ExitNode),
} satisfies Record<NodeType, NodeTypes[string]>;
