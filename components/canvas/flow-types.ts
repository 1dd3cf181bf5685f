/**
 * The canvas's view of a journey: React Flow nodes and edges.
 *
 * A flow node's id is the journey node's id (so e2e finds `.react-flow__node[data-id=…]`), its
 * `type` is the journey node type and its `data` holds the journey node's label and config, so
 * a node component renders from its props alone. A node's validation issues, live stats and
 * simulation highlight live in the editor store, read per node id: adding them to `data` would
 * give every node a new object on each change and re-render the whole canvas. Edges are the
 * other way round (see `FlowEdgeData`).
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

/** Whether a simulated run is shown and, if so, whether this element is on its path. */
export type PathState = "none" | "lit" | "dim";

/**
 * An edge's look. Unlike a node's decorations, an edge's path state and error flag are in its
 * data: an edge component then needs no store subscription of its own, which React Flow's
 * hundreds of edges would each run on every store change.
 */
export type FlowEdgeData = {
  /** True when the edge leads into an SMS send: the "SMS safety net" label. */
  toSms: boolean;
  path: PathState;
  hasError: boolean;
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
