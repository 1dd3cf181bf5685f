/**
 * React Flow's node components by journey node type. A module constant: a new object on each
 * render would make React Flow re-mount every node.
 */
import type { NodeTypes } from "@xyflow/react";
import type { NodeType } from "@/server/journey/schema";
import { BranchNode } from "./branch-node";
import { ExitNode } from "./exit-node";
import { SendNode } from "./send-node";
import { SplitNode } from "./split-node";
import { TriggerNode } from "./trigger-node";
import { UpdateProfileNode } from "./update-profile-node";
import { WaitNode } from "./wait-node";
import { WebhookNode } from "./webhook-node";

export const nodeTypes = {
  trigger: TriggerNode,
  wait: WaitNode,
  send: SendNode,
  branch: BranchNode,
  split: SplitNode,
  update_profile: UpdateProfileNode,
  webhook: WebhookNode,
  exit: ExitNode,
} satisfies Record<NodeType, NodeTypes[string]>;
