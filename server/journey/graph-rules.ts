/**
 * Static rules on the journey graph: one trigger, ids, edges and their handles, reachability,
 * loops. Each finding names the node or edge at fault.
 */
import { type Issue, nodeName } from "./issue";
import { outputsOf } from "./outputs";
import type { Journey, JourneyEdge, JourneyNode } from "./schema";

export type Findings = { errors: Issue[]; warnings: Issue[] };

type IndexedNode = { node: JourneyNode; index: number };

/** Nodes by id; with duplicate ids the first one stands (the duplicate is reported). */
function indexNodes(nodes: readonly JourneyNode[]): Map<string, IndexedNode> {
  const byId = new Map<string, IndexedNode>();
  nodes.forEach((node, index) => {
    if (!byId.has(node.id)) byId.set(node.id, { node, index });
  });
  return byId;
}

export function checkGraph(journey: Journey, findings: Findings): void {
  const byId = indexNodes(journey.nodes);
  checkTriggers(journey, findings);
  checkDuplicates(journey, findings);
  checkNamedOutputs(journey, findings);
  const { linked, followable } = checkEdges(journey, byId, findings);
  checkReachability(journey, linked, findings);
  checkLoops(byId, followable, findings);
}

function checkTriggers(journey: Journey, { errors }: Findings): void {
  const triggers = journey.nodes.flatMap((node, index) => (node.type === "trigger" ? [{ node, index }] : []));
  if (triggers.length === 0) {
    errors.push({ code: "trigger_missing", message: "The journey has no trigger: add one to say how profiles enter." });
  }
  for (const { node, index } of triggers.slice(1)) {
    errors.push({
      code: "trigger_multiple",
      message: `Node ${nodeName(node)} is a second trigger; a journey has exactly one.`,
      nodeId: node.id,
      path: ["nodes", index],
    });
  }
}

function checkDuplicates(journey: Journey, { errors }: Findings): void {
  const seenNodes = new Set<string>();
  journey.nodes.forEach((node, index) => {
    if (seenNodes.has(node.id)) {
      errors.push({
        code: "duplicate_node_id",
        message: `Two nodes have the id “${node.id}”; node ids must be unique.`,
        nodeId: node.id,
        path: ["nodes", index, "id"],
      });
    }
    seenNodes.add(node.id);
  });
  const seenEdges = new Set<string>();
  journey.edges.forEach((edge, index) => {
    if (seenEdges.has(edge.id)) {
      errors.push({
        code: "duplicate_edge_id",
        message: `Two edges have the id “${edge.id}”; edge ids must be unique.`,
        edgeId: edge.id,
        path: ["edges", index, "id"],
      });
    }
    seenEdges.add(edge.id);
  });
}

/** Branch case and split variant names are output handles, so they must be unique per node. */
function checkNamedOutputs(journey: Journey, { errors }: Findings): void {
  journey.nodes.forEach((node, index) => {
    const named =
      node.type === "branch"
        ? { names: node.config.cases.map((c) => c.name), field: "cases", what: "case" }
        : node.type === "split"
          ? { names: node.config.variants.map((v) => v.name), field: "variants", what: "variant" }
          : undefined;
    if (!named) return;
    const seen = new Set<string>();
    named.names.forEach((name, i) => {
      const path = ["nodes", index, "config", named.field, i, "name"];
      if (node.type === "branch" && name === "else") {
        errors.push({
          code: "reserved_case_name",
          message: `Node ${nodeName(node)}: a case cannot be named “else”, that is the output taken when no case holds.`,
          nodeId: node.id,
          path,
        });
      } else if (seen.has(name)) {
        errors.push({
          code: "duplicate_case_name",
          message: `Node ${nodeName(node)}: two ${named.what}s are named “${name}”; each names an output, so they must differ.`,
          nodeId: node.id,
          path,
        });
      }
      seen.add(name);
    });
  });
}

/**
 * Edge endpoints and handles. Returns the edges whose two ends exist (`linked`: reachability
 * uses them, so one bad handle is not also reported as unreachable nodes) and those a run can
 * actually take (`followable`: loops are looked for there).
 */
function checkEdges(
  journey: Journey,
  byId: Map<string, IndexedNode>,
  { errors, warnings }: Findings,
): { linked: JourneyEdge[]; followable: JourneyEdge[] } {
  const linked: JourneyEdge[] = [];
  const followable: JourneyEdge[] = [];
  const firstFromHandle = new Map<string, JourneyEdge>();
  journey.edges.forEach((edge, index) => {
    const path = ["edges", index];
    const source = byId.get(edge.source)?.node;
    const target = byId.get(edge.target)?.node;
    if (!source) {
      errors.push({
        code: "edge_unknown_source",
        message: `Edge “${edge.id}” starts at “${edge.source}”, which is not a node of this journey.`,
        edgeId: edge.id,
        path: [...path, "source"],
      });
    }
    if (!target) {
      errors.push({
        code: "edge_unknown_target",
        message: `Edge “${edge.id}” leads to “${edge.target}”, which is not a node of this journey.`,
        edgeId: edge.id,
        path: [...path, "target"],
      });
    }
    if (!source || !target) return;
    linked.push(edge);

    if (target.type === "trigger") {
      errors.push({
        code: "edge_into_trigger",
        message: `Edge “${edge.id}” leads into the trigger ${nodeName(target)}; profiles enter a journey only through its trigger.`,
        nodeId: target.id,
        edgeId: edge.id,
        path,
      });
    }
    if (source.type === "exit") {
      errors.push({
        code: "exit_has_edges",
        message: `Node ${nodeName(source)} is an exit and ends the run; remove its outgoing edge “${edge.id}”.`,
        nodeId: source.id,
        edgeId: edge.id,
        path,
      });
      return;
    }
    const outputs = outputsOf(source);
    if (!outputs.includes(edge.sourceHandle)) {
      errors.push({
        code: "edge_unknown_handle",
        message: `Node ${nodeName(source)}: output “${edge.sourceHandle}” is not an output of ${describeNode(source)} (it has ${outputs.map((o) => `“${o}”`).join(", ")}).`,
        nodeId: source.id,
        edgeId: edge.id,
        path: [...path, "sourceHandle"],
      });
      return;
    }
    followable.push(edge);
    const handleKey = `${edge.source}\u0000${edge.sourceHandle}`;
    const first = firstFromHandle.get(handleKey);
    if (first) {
      warnings.push({
        code: "handle_multiple_edges",
        message: `Node ${nodeName(source)}: output “${edge.sourceHandle}” has two edges (“${first.id}”, “${edge.id}”); a run follows only the first.`,
        nodeId: source.id,
        edgeId: edge.id,
        path,
      });
    } else {
      firstFromHandle.set(handleKey, edge);
    }
  });
  return { linked, followable };
}

function describeNode(node: JourneyNode): string {
  switch (node.type) {
    case "trigger":
      return "a trigger";
    case "wait":
      return node.config.mode === "until_event" ? "a wait for an event" : "a wait";
    case "send":
      return "a send";
    case "branch":
      return "this branch";
    case "split":
      return "this split";
    case "update_profile":
      return "an update-profile step";
    case "webhook":
      return "a webhook";
    case "exit":
      return "an exit";
    default: {
      const _exhaustive: never = node;
      return _exhaustive;
    }
  }
}

function successors(edges: readonly JourneyEdge[]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const list = next.get(edge.source);
    if (list) list.push(edge.target);
    else next.set(edge.source, [edge.target]);
  }
  return next;
}

/** Every node must be reachable from the trigger (from every trigger when there are several). */
function checkReachability(journey: Journey, edges: readonly JourneyEdge[], { errors }: Findings): void {
  const roots = journey.nodes.filter((n) => n.type === "trigger").map((n) => n.id);
  // Without a trigger every node is unreachable; `trigger_missing` already says what to fix.
  if (roots.length === 0) return;
  const next = successors(edges);
  const reached = new Set<string>(roots);
  const queue = [...roots];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const target of next.get(id) ?? []) {
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  const reported = new Set<string>();
  journey.nodes.forEach((node, index) => {
    if (reached.has(node.id) || reported.has(node.id)) return;
    reported.add(node.id);
    errors.push({
      code: "node_unreachable",
      message: `Node ${nodeName(node)} cannot be reached from the trigger; connect it or delete it.`,
      nodeId: node.id,
      path: ["nodes", index],
    });
  });
}

/**
 * A loop is allowed only through a wait: without one a run would spin (and send) without end.
 * Take the wait nodes out of the graph; any strongly connected component left with more than one
 * node, or a node with an edge to itself, is a loop with no wait in it.
 */
function checkLoops(byId: Map<string, IndexedNode>, edges: readonly JourneyEdge[], { errors }: Findings): void {
  const isWait = (id: string) => byId.get(id)?.node.type === "wait";
  const inner = edges.filter((e) => !isWait(e.source) && !isWait(e.target));
  const selfLoops = new Set(inner.filter((e) => e.source === e.target).map((e) => e.source));
  const ids = [...byId.keys()].filter((id) => !isWait(id));
  for (const component of stronglyConnectedComponents(ids, successors(inner))) {
    const members = component
      .flatMap((id) => byId.get(id) ?? [])
      .sort((a, b) => a.index - b.index);
    const head = members[0];
    if (!head || (members.length === 1 && !selfLoops.has(head.node.id))) continue;
    const names = members.map(({ node }) => nodeName(node));
    errors.push({
      code: "cycle_without_wait",
      message: `${names.length === 1 ? `Node ${names[0]} leads back to itself` : `Nodes ${names.join(", ")} form a loop`} with no wait in it; a run would repeat without end. Add a wait to the loop.`,
      nodeId: head.node.id,
      path: ["nodes", head.index],
    });
  }
}

/** Tarjan's algorithm, iterative so a large imported graph cannot overflow the stack. */
function stronglyConnectedComponents(ids: readonly string[], next: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const start of ids) {
    if (index.has(start)) continue;
    const work: { id: string; child: number }[] = [{ id: start, child: 0 }];
    index.set(start, counter);
    low.set(start, counter);
    counter += 1;
    stack.push(start);
    onStack.add(start);

    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const target = next.get(frame.id)?.[frame.child];
      if (target !== undefined) {
        frame.child += 1;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter);
          counter += 1;
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, child: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component);
      }
    }
  }
  return components;
}
