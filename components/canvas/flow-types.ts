/**
 * The canvas's view of a journey: React Flow nodes and edges.
 *
 * A flow node's id is the journey node's id (so e2e finds `.react-flow__node[data-id=…]`), its
 * `type` is the journey node type and its `data` holds the journey node's label and config, so
 * a node component renders from its props alone. Validation issues, live stats and simulation
 * highlights live in the editor store, read per node id: adding them to `data` would give every
 * node a new object on each change and re-render the whole canvas.
 */
import type { Edge, Node } from "@xyflow/react";
import type { NodeOf, NodeType } from "@/server/journey/schema";

export type FlowNodeData<T extends NodeType = NodeType> = {
  label?: string;
  config: NodeOf<T>["config"];
};

export type FlowNodeOf<T extends NodeType> = Node<FlowNodeData<T>, T>;

/** One React Flow node per journey node; discriminated by `type` like the journey node. */
export type JourneyFlowNode = { [T in NodeType]: FlowNodeOf<T> }[NodeType];

/** `fallback` edges are the safety nets (send/webhook `fallback` output), drawn dashed. */
export type FlowEdgeType = "journey" | "fallback";

export type FlowEdgeData = {
  /** True when the edge leads into an SMS send: the "SMS safety net" label. */
  toSms: boolean;
};

/** Journey edges always leave through a named output, so `sourceHandle` is never empty here. */
export type JourneyFlowEdge = Edge<FlowEdgeData, FlowEdgeType> & { sourceHandle: string; type: FlowEdgeType };

/** Live counters per node, shown on the canvas when the page passes them (published versions). */
export type NodeStats = {
  entered?: number;
  sent?: number;
  delivered?: number;
  failed?: number;
  fallbackTaken?: number;
  converted?: number;
};
