import { describe, expect, it } from "vitest";
import { EXAMPLES, example } from "./__fixtures__/examples";
import {
  createFlowEdgeProjector,
  createFlowNodeProjector,
  withPositions,
  flowToJourney,
  journeyToFlow,
} from "./flow-conversion";

describe("journeyToFlow / flowToJourney", () => {
  it.each(EXAMPLES)("round-trips %s losslessly", (_name, journey) => {
    const flow = journeyToFlow(journey);
    const back = flowToJourney(journey, flow);
    expect(back).toStrictEqual(journey);
    // And through JSON, as the page would save it.
    expect(JSON.parse(JSON.stringify(back))).toStrictEqual(JSON.parse(JSON.stringify(journey)));
  });

  it.each(EXAMPLES)("keeps node ids, types and handles in %s", (_name, journey) => {
    const flow = journeyToFlow(journey);
    expect(flow.nodes.map((n) => [n.id, n.type])).toEqual(journey.nodes.map((n) => [n.id, n.type]));
    expect(flow.edges.map((e) => [e.id, e.source, e.sourceHandle, e.target])).toEqual(
      journey.edges.map((e) => [e.id, e.source, e.sourceHandle, e.target]),
    );
  });

  it("names each node for screen readers, keeping the journey node id as the flow node id", () => {
    const { nodes } = journeyToFlow(example("order-confirmation-whatsapp-sms-fallback"));
    expect(nodes.map((n) => [n.id, n.ariaLabel])).toEqual([
      ["placed", "Trigger: order_placed"],
      ["wa", "Send WhatsApp: WhatsApp confirmation"],
      ["sms", "Send SMS: SMS safety net"],
      ["done", "Exit"],
    ]);
  });

  it("puts label and config in data, and leaves label out when the node has none", () => {
    const { nodes } = journeyToFlow(example("order-confirmation-whatsapp-sms-fallback"));
    const wa = nodes.find((n) => n.id === "wa");
    const placed = nodes.find((n) => n.id === "placed");
    expect(wa?.data.label).toBe("WhatsApp confirmation");
    expect(wa?.data.config).toMatchObject({ channel: "whatsapp" });
    expect(placed && "label" in placed.data).toBe(false);
  });

  it("gives fallback edges their own type and marks those leading to SMS", () => {
    const { edges } = journeyToFlow(example("order-confirmation-whatsapp-sms-fallback"));
    const byId = Object.fromEntries(edges.map((e) => [e.id, e]));
    expect(byId.e3).toMatchObject({ type: "fallback", data: { toSms: true } });
    expect(byId.e2).toMatchObject({ type: "journey", data: { toSms: false } });
  });

  it("does not treat a branch case named fallback as a fallback edge", () => {
    const journey = example("otp-then-whatsapp");
    const renamed = {
      ...journey,
      nodes: journey.nodes.map((n) => (n.id === "consented" && n.type === "branch" ? { ...n, config: { cases: [{ ...n.config.cases[0]!, name: "fallback" }] } } : n)),
      edges: journey.edges.map((e) => (e.id === "e5" ? { ...e, sourceHandle: "fallback" } : e)),
    };
    expect(journeyToFlow(renamed).edges.find((e) => e.id === "e5")?.type).toBe("journey");
  });
});

describe("createFlowNodeProjector", () => {
  it("keeps unchanged flow nodes identical when one node moves", () => {
    const journey = example("winback-marketing");
    const project = createFlowNodeProjector();
    const first = project(journey.nodes, [], {});
    expect(project(journey.nodes, [], {})).toBe(first);

    const moved = journey.nodes.map((n) => (n.id === "ab" ? { ...n, position: { x: 1, y: 2 } } : n));
    const second = project(moved, [], {});
    second.forEach((flow, i) => {
      if (flow.id === "ab") {
        expect(flow).not.toBe(first[i]);
        expect(flow.position).toEqual({ x: 1, y: 2 });
      } else expect(flow).toBe(first[i]);
    });
  });

  it("re-creates only nodes whose selection or measured size changed", () => {
    const journey = example("winback-marketing");
    const project = createFlowNodeProjector();
    const first = project(journey.nodes, [], {});
    const second = project(journey.nodes, ["sms"], { end: { width: 200, height: 80 } });
    const changed = second.filter((n, i) => n !== first[i]).map((n) => n.id);
    expect(changed.sort()).toEqual(["end", "sms"]);
    expect(second.find((n) => n.id === "sms")?.selected).toBe(true);
    expect(second.find((n) => n.id === "end")?.measured).toEqual({ width: 200, height: 80 });
  });
});

describe("createFlowEdgeProjector", () => {
  it("keeps unchanged edges identical and re-creates selected ones", () => {
    const journey = example("appointment-reminder");
    const project = createFlowEdgeProjector();
    const first = project(journey.edges, journey.nodes, []);
    const second = project(journey.edges, journey.nodes, ["e4"]);
    expect(second.filter((e, i) => e !== first[i]).map((e) => e.id)).toEqual(["e4"]);
    expect(second.find((e) => e.id === "e4")).toMatchObject({ selected: true, type: "fallback" });
  });
});

describe("withPositions", () => {
  it("replaces only the moved nodes and keeps the array when nothing moved", () => {
    const nodes = createFlowNodeProjector()(example("winback-marketing").nodes, [], {});
    expect(withPositions(nodes, {})).toBe(nodes);
    const same = nodes[0]!;
    expect(withPositions(nodes, { [same.id]: same.position })).toBe(nodes);
    // A node deleted mid-drag (by undo, say) is no longer there to move.
    expect(withPositions(nodes, { gone: { x: 1, y: 2 } })).toBe(nodes);

    const moved = withPositions(nodes, { ab: { x: 5, y: 6 } });
    moved.forEach((flow, i) => {
      if (flow.id === "ab") expect(flow).toEqual({ ...nodes[i], position: { x: 5, y: 6 }, dragging: true });
      else expect(flow).toBe(nodes[i]);
    });
  });
});

describe("createFlowEdgeProjector decorations", () => {
  it("puts the simulated path and errors in the data of the edges they change", () => {
    const journey = example("appointment-reminder");
    const project = createFlowEdgeProjector();
    const first = project(journey.edges, journey.nodes, []);
    expect(first.every((e) => e.data?.path === "none" && !e.data.hasError)).toBe(true);

    const issuesByEdge = { e4: { errors: [{ code: "x", message: "broken", edgeId: "e4" }], warnings: [] } } as never;
    const withError = project(journey.edges, journey.nodes, [], { issuesByEdge });
    expect(withError.filter((e, i) => e !== first[i]).map((e) => e.id)).toEqual(["e4"]);
    expect(withError.find((e) => e.id === "e4")?.data?.hasError).toBe(true);

    const lit = new Set([journey.edges[0]!.id]);
    const highlighted = project(journey.edges, journey.nodes, [], { issuesByEdge, highlight: { nodes: new Set(), edges: lit } });
    expect(highlighted.map((e) => e.data?.path)).toEqual(journey.edges.map((e) => (lit.has(e.id) ? "lit" : "dim")));
  });
});
