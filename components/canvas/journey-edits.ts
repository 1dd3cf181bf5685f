/**
 * Every edit the canvas makes to a journey, as a pure function `(journey, …) → journey`.
 * The editor store adds history and selection on top; these stay testable without a DOM.
 * Each returns the same journey object when nothing changes, so the store can skip no-ops.
 */
import { outputsOf } from "@/server/journey/outputs";
import type { Channel, Journey, JourneyEdge, JourneyNode, NodeOf, NodeType, SendConfig } from "@/server/journey/schema";
import { contentText, defaultConfig, sendConfigFor } from "./node-defaults";
import { uniqueEdgeId, uniqueNodeId } from "./node-ids";

export type XY = { x: number; y: number };
export type Connection = { source: string; sourceHandle: string; target: string };
export type Clipboard = { nodes: JourneyNode[]; edges: JourneyEdge[] };
/** The journey-level fields the settings panel edits; `undefined` removes an optional one. */
export type JourneySettings = Pick<Journey, "name" | "description" | "purpose" | "reentry" | "quietHours" | "exitOn" | "goal">;

/** Room between a node and the next one below it (the examples use 140 rows, 260 columns). */
export const ROW = 140;
export const COLUMN = 260;
/** How far a pasted copy lands from its original, so it does not hide it. */
export const PASTE_OFFSET = 40;

const FALLBACK_AWAIT = { outcome: "delivered", within: { minutes: 5 } } as const;
const SMS_SAFETY_NET_LABEL = "SMS safety net";
const OPT_OUT_WORDING = /\bSTOP\b/i;

function idsOf(journey: Journey): Set<string> {
  return new Set(journey.nodes.map((n) => n.id));
}

function edgeIdsOf(journey: Journey): Set<string> {
  return new Set(journey.edges.map((e) => e.id));
}

function nodeBase(type: NodeType, channel?: Channel): string {
  if (type === "send") return channel ?? "sms";
  if (type === "update_profile") return "update";
  return type;
}

/** Where a node hung below `source`'s output goes: fallbacks down-right, others fanned out. */
export function positionBelow(source: JourneyNode, handle: string): XY {
  if (handle === "fallback") return { x: source.position.x + COLUMN, y: source.position.y + ROW };
  const outputs = outputsOf(source);
  const index = Math.max(0, outputs.indexOf(handle));
  const fan = index - (outputs.length - 1) / 2;
  return { x: source.position.x + fan * COLUMN, y: source.position.y + ROW };
}

/** The first output of `node` with no edge, or undefined when all are taken. */
export function firstFreeOutput(journey: Journey, nodeId: string): string | undefined {
  const node = journey.nodes.find((n) => n.id === nodeId);
  if (!node) return undefined;
  const used = new Set(journey.edges.filter((e) => e.source === nodeId).map((e) => e.sourceHandle));
  // A send's fallback is optional (it falls through to next), so never offer it as "free".
  return outputsOf(node).find((h) => !used.has(h) && !(h === "fallback" && node.type === "send"));
}

export type AddNodeInput = {
  type: NodeType;
  position: XY;
  /** For a send: its channel (the palette offers one entry per channel). */
  channel?: Channel;
  /** Connect `after.nodeId`'s output `after.handle` to the new node. */
  after?: { nodeId: string; handle: string };
};

export function addNode(journey: Journey, input: AddNodeInput): { journey: Journey; nodeId: string } {
  const id = uniqueNodeId(nodeBase(input.type, input.channel), idsOf(journey));
  const config = input.type === "send" && input.channel ? sendConfigFor(input.channel) : defaultConfig(input.type);
  const node = { id, type: input.type, position: input.position, config } as JourneyNode;
  let next: Journey = { ...journey, nodes: [...journey.nodes, node] };
  if (input.after) next = connect(next, { source: input.after.nodeId, sourceHandle: input.after.handle, target: id });
  return { journey: next, nodeId: id };
}

/**
 * Draw an edge. One output leads to one place, so an edge already leaving the same output is
 * replaced. Edges into a trigger, onto the same node, or from an unknown output are refused
 * (returning the journey unchanged): validation would reject them anyway.
 */
export function connect(journey: Journey, c: Connection): Journey {
  const source = journey.nodes.find((n) => n.id === c.source);
  const target = journey.nodes.find((n) => n.id === c.target);
  if (!source || !target || target.type === "trigger" || c.source === c.target) return journey;
  if (!outputsOf(source).includes(c.sourceHandle)) return journey;
  const existing = journey.edges.find((e) => e.source === c.source && e.sourceHandle === c.sourceHandle);
  if (existing?.target === c.target) return journey;
  const kept = journey.edges.filter((e) => e !== existing);
  const edge: JourneyEdge = { id: existing?.id ?? uniqueEdgeId(edgeIdsOf(journey)), ...c };
  return { ...journey, edges: [...kept, edge] };
}

/** Move an existing edge's ends (React Flow's edge reconnect). */
export function reconnect(journey: Journey, edgeId: string, c: Connection): Journey {
  const without = disconnect(journey, [edgeId]);
  if (without === journey) return journey;
  const next = connect(without, c);
  if (next === without) return journey;
  // Keep the moved edge's id so selection and references survive.
  const fresh = next.edges[next.edges.length - 1];
  return fresh ? { ...next, edges: [...next.edges.slice(0, -1), { ...fresh, id: edgeId }] } : next;
}

export function disconnect(journey: Journey, edgeIds: readonly string[]): Journey {
  const drop = new Set(edgeIds);
  const edges = journey.edges.filter((e) => !drop.has(e.id));
  return edges.length === journey.edges.length ? journey : { ...journey, edges };
}

/** Delete nodes (with every edge touching them) and edges. */
export function deleteElements(journey: Journey, sel: { nodeIds: readonly string[]; edgeIds: readonly string[] }): Journey {
  const nodes = new Set(sel.nodeIds);
  const edges = new Set(sel.edgeIds);
  const keptNodes = journey.nodes.filter((n) => !nodes.has(n.id));
  const keptEdges = journey.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target));
  if (keptNodes.length === journey.nodes.length && keptEdges.length === journey.edges.length) return journey;
  return { ...journey, nodes: keptNodes, edges: keptEdges };
}

export function moveNodes(journey: Journey, positions: Readonly<Record<string, XY>>): Journey {
  let changed = false;
  const nodes = journey.nodes.map((n) => {
    const p = positions[n.id];
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...journey, nodes } : journey;
}

/**
 * Where each old output's edges go when a node's outputs change: a name that stays keeps its
 * edges (so reordering cases moves nothing); a name that vanished while another appeared at
 * the same place is a rename (a renamed case, `next` → `event` when a wait starts awaiting an
 * event); edges of any other vanished output are dropped, since no handle would show them.
 */
export function followOutputs(before: readonly string[], after: readonly string[]): Map<string, string> {
  const afterSet = new Set(after);
  const beforeSet = new Set(before);
  const map = new Map<string, string>();
  before.forEach((name, i) => {
    if (afterSet.has(name)) map.set(name, name);
    else {
      const renamed = after[i];
      if (renamed !== undefined && !beforeSet.has(renamed)) map.set(name, renamed);
    }
  });
  return map;
}

export function updateNodeConfig<T extends NodeType>(journey: Journey, nodeId: string, config: NodeOf<T>["config"]): Journey {
  const old = journey.nodes.find((n) => n.id === nodeId);
  if (!old || old.config === config) return journey;
  const node = { ...old, config } as JourneyNode;
  const outputs = followOutputs(outputsOf(old), outputsOf(node));
  const edges = journey.edges.flatMap((e) => {
    if (e.source !== nodeId) return [e];
    const handle = outputs.get(e.sourceHandle);
    if (handle === undefined) return [];
    return [handle === e.sourceHandle ? e : { ...e, sourceHandle: handle }];
  });
  return { ...journey, nodes: journey.nodes.map((n) => (n === old ? node : n)), edges };
}

/** Set or (with an empty string) clear a node's label. */
export function updateNodeLabel(journey: Journey, nodeId: string, label: string): Journey {
  const old = journey.nodes.find((n) => n.id === nodeId);
  if (!old) return journey;
  const trimmed = label.trim() === "" ? undefined : label;
  if (old.label === trimmed) return journey;
  const node = { ...old };
  if (trimmed === undefined) delete node.label;
  else node.label = trimmed;
  return { ...journey, nodes: journey.nodes.map((n) => (n === old ? node : n)) };
}

export function updateSettings(journey: Journey, patch: Partial<JourneySettings>): Journey {
  const next: Record<string, unknown> = { ...journey };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as Journey;
}

/** The selected nodes and the edges between them. */
export function copyNodes(journey: Journey, nodeIds: readonly string[]): Clipboard {
  const ids = new Set(nodeIds);
  return {
    nodes: journey.nodes.filter((n) => ids.has(n.id)),
    edges: journey.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

/**
 * Paste copied nodes with fresh ids (and their inner edges), shifted so they do not hide the
 * originals. A trigger is left out when the journey already has one: a journey has exactly one.
 */
export function pasteNodes(journey: Journey, clip: Clipboard, offset: XY = { x: PASTE_OFFSET, y: PASTE_OFFSET }): { journey: Journey; nodeIds: string[] } {
  const hasTrigger = journey.nodes.some((n) => n.type === "trigger");
  const taken = idsOf(journey);
  const rename = new Map<string, string>();
  const nodes: JourneyNode[] = [];
  for (const node of clip.nodes) {
    if (node.type === "trigger" && hasTrigger) continue;
    const id = uniqueNodeId(node.id, taken);
    taken.add(id);
    rename.set(node.id, id);
    nodes.push({ ...node, id, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } });
  }
  const edgeIds = edgeIdsOf(journey);
  const edges: JourneyEdge[] = [];
  for (const edge of clip.edges) {
    const source = rename.get(edge.source);
    const target = rename.get(edge.target);
    if (source === undefined || target === undefined) continue;
    const id = uniqueEdgeId(edgeIds);
    edgeIds.add(id);
    edges.push({ id, source, sourceHandle: edge.sourceHandle, target });
  }
  if (nodes.length === 0) return { journey, nodeIds: [] };
  return {
    journey: { ...journey, nodes: [...journey.nodes, ...nodes], edges: [...journey.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}

/** True when `nodeId` is a non-SMS send with nothing on its `fallback` yet. */
export function canAddSmsFallback(journey: Journey, nodeId: string): boolean {
  const node = journey.nodes.find((n) => n.id === nodeId);
  if (node?.type !== "send" || node.config.channel === "sms") return false;
  return !journey.edges.some((e) => e.source === nodeId && e.sourceHandle === "fallback");
}

/**
 * The one-click SMS safety net under a send: an SMS node below-right carrying the same words
 * (with opt-out wording when the send is marketing), the `fallback` edge to it, an SMS `next`
 * that rejoins wherever the send's `next` goes, and — when the send waits for nothing — an
 * `await` of "delivered within 5 min", since without one the fallback only covers sends that
 * could not be dispatched at all.
 */
export function addSmsFallback(journey: Journey, sendId: string): { journey: Journey; nodeId: string } | undefined {
  if (!canAddSmsFallback(journey, sendId)) return undefined;
  const source = journey.nodes.find((n): n is NodeOf<"send"> => n.id === sendId && n.type === "send");
  if (!source) return undefined;

  const marketing = (source.config.purpose ?? journey.purpose) === "marketing";
  const words = contentText(source.config).text;
  const body = marketing && !OPT_OUT_WORDING.test(words) ? `${words}${words ? " " : ""}Reply STOP to opt out.` : words;
  const sms: SendConfig = {
    ...sendConfigFor("sms", { text: body }),
    ...(source.config.purpose ? { purpose: source.config.purpose } : {}),
  };
  const id = uniqueNodeId("sms", idsOf(journey));
  const smsNode: JourneyNode = { id, type: "send", label: SMS_SAFETY_NET_LABEL, position: positionBelow(source, "fallback"), config: sms };

  const awaited: JourneyNode = source.config.await ? source : { ...source, config: { ...source.config, await: FALLBACK_AWAIT } };
  let next: Journey = {
    ...journey,
    nodes: [...journey.nodes.map((n) => (n === source ? awaited : n)), smsNode],
  };
  next = connect(next, { source: sendId, sourceHandle: "fallback", target: id });
  const rejoin = journey.edges.find((e) => e.source === sendId && e.sourceHandle === "next");
  if (rejoin) next = connect(next, { source: id, sourceHandle: "next", target: rejoin.target });
  return { journey: next, nodeId: id };
}

/**
 * True when `b` is `a` with only nodes moved (a drag): same edges and settings, and every node
 * the same object but for its position. Validation skips such edits; positions never matter to it.
 */
export function differsOnlyInPositions(a: Journey, b: Journey): boolean {
  if (a === b) return true;
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  const { nodes: _an, ...aRest } = a;
  const { nodes: _bn, ...bRest } = b;
  const keys = Object.keys(aRest) as (keyof typeof aRest)[];
  if (keys.length !== Object.keys(bRest).length || keys.some((k) => aRest[k] !== bRest[k])) return false;
  return a.nodes.every((n, i) => {
    const m = b.nodes[i];
    return m !== undefined && (n === m || (n.id === m.id && n.type === m.type && n.label === m.label && n.config === m.config));
  });
}
