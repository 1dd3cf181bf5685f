/**
 * Pure converters between a journey and React Flow's nodes and edges (no DOM, no React).
 *
 * `journeyToFlow` then `flowToJourney` gives back the same journey: ids, labels, positions,
 * configs and edge handles pass through untouched, and the view-only fields React Flow adds
 * (`selected`, `measured`, edge `type`/`data`) are dropped on the way back.
 */
import type { Journey, JourneyEdge, JourneyNode } from "@/server/journey/schema";
import type { FlowEdgeData, FlowEdgeType, FlowNodeData, JourneyFlowEdge, JourneyFlowNode, PathState } from "./flow-types";
import type { IssueGroup } from "./issue-index";
import type { XY } from "./journey-edits";
import { nodeAccessibleName } from "./node-names";
import type { PathHighlight } from "./simulation-highlight";

export type Measured = { width?: number; height?: number };

type NodeView = { selected?: boolean; measured?: Measured };

export function toFlowNode(node: JourneyNode, view: NodeView = {}): JourneyFlowNode {
  const data: FlowNodeData = node.label === undefined ? { config: node.config } : { label: node.label, config: node.config };
  // The cast pairs `type` with its `config`: true by construction, beyond TS's reach for unions.
  return {
    id: node.id,
    type: node.type,
    position: node.position,
    data,
    // React Flow gives every node role="group"; without a name a screen reader says only "group".
    ariaLabel: nodeAccessibleName(node),
    ...(view.selected ? { selected: true } : {}),
    ...(view.measured ? { measured: view.measured } : {}),
  } as JourneyFlowNode;
}

export function fromFlowNode(flow: JourneyFlowNode): JourneyNode {
  const { label, config } = flow.data;
  return {
    id: flow.id,
    type: flow.type,
    ...(label === undefined ? {} : { label }),
    position: { x: flow.position.x, y: flow.position.y },
    config,
  } as JourneyNode;
}

/** A send's or webhook's `fallback` output: the edge a safety net hangs on. */
export function isFallbackEdge(edge: Pick<JourneyEdge, "source" | "sourceHandle">, nodesById: ReadonlyMap<string, JourneyNode>): boolean {
  if (edge.sourceHandle !== "fallback") return false;
  const type = nodesById.get(edge.source)?.type;
  return type === "send" || type === "webhook";
}

function leadsToSms(edge: JourneyEdge, nodesById: ReadonlyMap<string, JourneyNode>): boolean {
  const target = nodesById.get(edge.target);
  return target?.type === "send" && target.config.channel === "sms";
}

/** What the editor draws over an edge: its place on a simulated path and whether it has errors. */
export type EdgeView = { selected?: boolean; path?: PathState; hasError?: boolean };

export function toFlowEdge(edge: JourneyEdge, nodesById: ReadonlyMap<string, JourneyNode>, view: EdgeView = {}): JourneyFlowEdge {
  const type: FlowEdgeType = isFallbackEdge(edge, nodesById) ? "fallback" : "journey";
  const data: FlowEdgeData = { toSms: leadsToSms(edge, nodesById), path: view.path ?? "none", hasError: view.hasError ?? false };
  return {
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
    type,
    data,
    ...(view.selected ? { selected: true } : {}),
  };
}

export function fromFlowEdge(flow: JourneyFlowEdge): JourneyEdge {
  return { id: flow.id, source: flow.source, sourceHandle: flow.sourceHandle, target: flow.target };
}

export function nodesByIdOf(nodes: readonly JourneyNode[]): Map<string, JourneyNode> {
  return new Map(nodes.map((n) => [n.id, n]));
}

export function journeyToFlow(journey: Pick<Journey, "nodes" | "edges">): { nodes: JourneyFlowNode[]; edges: JourneyFlowEdge[] } {
  const byId = nodesByIdOf(journey.nodes);
  return {
    nodes: journey.nodes.map((n) => toFlowNode(n)),
    edges: journey.edges.map((e) => toFlowEdge(e, byId)),
  };
}

/** Rebuild the journey document: settings from `base`, graph from the flow. */
export function flowToJourney(
  base: Journey,
  flow: { nodes: readonly JourneyFlowNode[]; edges: readonly JourneyFlowEdge[] },
): Journey {
  return { ...base, nodes: flow.nodes.map(fromFlowNode), edges: flow.edges.map(fromFlowEdge) };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * A memoised journey → flow-node projection for the live canvas. A flow node keeps its object
 * identity while its journey node, selection and measured size are unchanged, so React Flow
 * skips it; dragging one node re-creates one flow node, not a thousand.
 */
export function createFlowNodeProjector() {
  type Entry = { node: JourneyNode; selected: boolean; measured: Measured | undefined; flow: JourneyFlowNode };
  let cache = new Map<string, Entry>();
  let last:
    | { nodes: readonly JourneyNode[]; selected: readonly string[]; measured: Readonly<Record<string, Measured>>; result: JourneyFlowNode[] }
    | undefined;

  return (
    nodes: readonly JourneyNode[],
    selectedIds: readonly string[],
    measured: Readonly<Record<string, Measured>>,
  ): JourneyFlowNode[] => {
    if (last && last.nodes === nodes && last.selected === selectedIds && last.measured === measured) return last.result;
    const selected = new Set(selectedIds);
    const next = new Map<string, Entry>();
    const fresh = nodes.map((node) => {
      const isSelected = selected.has(node.id);
      const size = measured[node.id];
      const hit = cache.get(node.id);
      const flow =
        hit && hit.node === node && hit.selected === isSelected && hit.measured === size
          ? hit.flow
          : toFlowNode(node, { selected: isSelected, measured: size });
      next.set(node.id, { node, selected: isSelected, measured: size, flow });
      return flow;
    });
    cache = next;
    // Same nodes in a new array (a selection that changed nothing) must not re-render the canvas.
    const result = last && sameItems(last.result, fresh) ? last.result : fresh;
    last = { nodes, selected: selectedIds, measured, result };
    return result;
  };
}

/** Where each node sits in a projected array, kept per array: a drag frame looks up its nodes. */
const indexes = new WeakMap<readonly JourneyFlowNode[], ReadonlyMap<string, number>>();

function indexOfIds(nodes: readonly JourneyFlowNode[]): ReadonlyMap<string, number> {
  let index = indexes.get(nodes);
  if (!index) {
    index = new Map(nodes.map((node, i) => [node.id, i]));
    indexes.set(nodes, index);
  }
  return index;
}

/**
 * The flow nodes with some positions replaced: the nodes being dragged, whose positions React
 * Flow reports each frame and the journey receives once, on the drop. Every other node keeps
 * its object, so React Flow re-renders only the dragged nodes and their edges. A moved node is
 * marked `dragging`, as React Flow marks the nodes it drags itself. Runs every drag frame: it
 * visits the dragged nodes only, not the whole journey.
 */
export function withPositions(nodes: JourneyFlowNode[], positions: Readonly<Record<string, XY>>): JourneyFlowNode[] {
  let result: JourneyFlowNode[] | undefined;
  const index = indexOfIds(nodes);
  for (const [id, position] of Object.entries(positions)) {
    const i = index.get(id);
    const node = i === undefined ? undefined : nodes[i];
    if (i === undefined || !node || (position.x === node.position.x && position.y === node.position.y)) continue;
    result ??= nodes.slice();
    result[i] = { ...node, position, dragging: true };
  }
  return result ?? nodes;
}

/** The decorations an edge projection reads from the editor store. */
export type EdgeDecorations = {
  highlight?: PathHighlight | undefined;
  issuesByEdge?: Readonly<Record<string, IssueGroup>>;
};

const NO_EDGE_ISSUES: Readonly<Record<string, IssueGroup>> = {};

/**
 * The same memoisation for edges; an edge's look also depends on its source and target nodes,
 * the simulated path and its validation errors.
 */
export function createFlowEdgeProjector() {
  type Entry = { edge: JourneyEdge; selected: boolean; type: FlowEdgeType; toSms: boolean; path: PathState; hasError: boolean; flow: JourneyFlowEdge };
  let cache = new Map<string, Entry>();
  let last:
    | {
        edges: readonly JourneyEdge[];
        nodes: readonly JourneyNode[];
        selected: readonly string[];
        highlight: PathHighlight | undefined;
        issuesByEdge: Readonly<Record<string, IssueGroup>>;
        result: JourneyFlowEdge[];
      }
    | undefined;

  return (
    edges: readonly JourneyEdge[],
    nodes: readonly JourneyNode[],
    selectedIds: readonly string[],
    { highlight, issuesByEdge = NO_EDGE_ISSUES }: EdgeDecorations = {},
  ): JourneyFlowEdge[] => {
    if (
      last &&
      last.edges === edges &&
      last.nodes === nodes &&
      last.selected === selectedIds &&
      last.highlight === highlight &&
      last.issuesByEdge === issuesByEdge
    ) {
      return last.result;
    }
    const byId = nodesByIdOf(nodes);
    const selected = new Set(selectedIds);
    const next = new Map<string, Entry>();
    const fresh = edges.map((edge) => {
      const path: PathState = !highlight ? "none" : highlight.edges.has(edge.id) ? "lit" : "dim";
      const hasError = (issuesByEdge[edge.id]?.errors.length ?? 0) > 0;
      const made = toFlowEdge(edge, byId, { selected: selected.has(edge.id), path, hasError });
      const isSelected = made.selected === true;
      const toSms = made.data?.toSms === true;
      const hit = cache.get(edge.id);
      const flow =
        hit &&
        hit.edge === edge &&
        hit.selected === isSelected &&
        hit.type === made.type &&
        hit.toSms === toSms &&
        hit.path === path &&
        hit.hasError === hasError
          ? hit.flow
          : made;
      next.set(edge.id, { edge, selected: isSelected, type: made.type, toSms, path, hasError, flow });
      return flow;
    });
    cache = next;
    const result = last && sameItems(last.result, fresh) ? last.result : fresh;
    last = { edges, nodes, selected: selectedIds, highlight, issuesByEdge, result };
    return result;
  };
}
