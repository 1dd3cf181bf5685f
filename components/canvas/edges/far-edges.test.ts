import { Position, type InternalNode } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import type { JourneyFlowEdge } from "../flow-types";
import { createFarEdgeProjector } from "./far-edges";

type HandleSpec = { id: string | null; position: Position; x: number; y: number };

/** An internal node as React Flow keeps it once measured: 240 × 100, 12 × 12 handles. */
function internal(id: string, x: number, y: number, handles?: { source: HandleSpec[]; target: HandleSpec[] }): InternalNode {
  const bounds = handles && {
    source: handles.source.map((h) => ({ ...h, nodeId: id, type: "source" as const, width: 12, height: 12 })),
    target: handles.target.map((h) => ({ ...h, nodeId: id, type: "target" as const, width: 12, height: 12 })),
  };
  return { id, position: { x, y }, data: {}, measured: { width: 240, height: 100 }, internals: { positionAbsolute: { x, y }, z: 0, userNode: { id, position: { x, y }, data: {} }, handleBounds: bounds } };
}

const CARD = {
  source: [
    { id: "next", position: Position.Bottom, x: 114, y: 94 },
    { id: "fallback", position: Position.Right, x: 234, y: 50 },
  ],
  target: [{ id: null, position: Position.Top, x: 114, y: -6 }],
};

function edge(id: string, source: string, target: string, extra: Partial<JourneyFlowEdge> = {}): JourneyFlowEdge {
  return { id, source, sourceHandle: "next", target, type: "journey", data: { toSms: false, path: "none", hasError: false }, ...extra };
}

const lookup = (...nodes: InternalNode[]) => new Map(nodes.map((n) => [n.id, n]));

describe("createFarEdgeProjector", () => {
  it.each([
    ["bottom output to top input", "next", "M120 206", 120, 294],
    ["right-hand fallback to top input", "fallback", "M246 156", 120, 294],
  ])("draws from the %s, at the middle of each handle's outer side", (_, handle, start, tx, ty) => {
    const project = createFarEdgeProjector();
    const drawn = project([edge("e1", "a", "b", { sourceHandle: handle })], lookup(internal("a", 0, 100, CARD), internal("b", 0, 300, CARD)))[0]?.[0];
    expect(drawn?.d.startsWith(start)).toBe(true);
    expect(drawn?.d.endsWith(`${tx} ${ty}`)).toBe(true);
  });

  it("leaves out edges whose ends are missing or not measured yet", () => {
    const project = createFarEdgeProjector();
    const chunks = project([edge("e1", "a", "b"), edge("e2", "a", "gone")], lookup(internal("a", 0, 0, CARD), internal("b", 0, 300)));
    expect(chunks.flat()).toEqual([undefined, undefined]);
  });

  it("keeps every chunk while nothing moves, and re-makes only the chunk of an edge whose end moved", () => {
    const project = createFarEdgeProjector(2);
    const nodes = ["n0", "n1", "n2", "n3", "n4", "n5"].map((id, i) => internal(id, 0, i * 200, CARD));
    const edges = nodes.slice(1).map((n, i) => edge(`e${i}`, nodes[i]!.id, n.id));
    const first = project(edges, lookup(...nodes));
    expect(first.map((c) => c.length)).toEqual([2, 2, 1]);
    expect(project(edges, lookup(...nodes))).toBe(first);

    const moved = nodes.map((n) => (n.id === "n5" ? internal("n5", 50, 1000, CARD) : n));
    const second = project(edges, lookup(...moved));
    expect(second).not.toBe(first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]?.[0]?.d).not.toBe(first[2]?.[0]?.d);
  });

  it.each([
    ["a journey edge", {}, { stroke: "#94a3b8", strokeWidth: 1.5 }],
    ["a fallback", { type: "fallback" as const }, { stroke: "#f59e0b", strokeDasharray: "6 4" }],
    ["an edge with errors", { data: { toSms: false, path: "none" as const, hasError: true } }, { stroke: "#dc2626" }],
    ["an edge on the simulated path", { data: { toSms: false, path: "lit" as const, hasError: false } }, { stroke: "#10b981", strokeWidth: 3 }],
  ])("styles %s as its edge component does", (_, extra, style) => {
    const project = createFarEdgeProjector();
    const drawn = project([edge("e1", "a", "b", extra)], lookup(internal("a", 0, 0, CARD), internal("b", 0, 300, CARD)))[0]?.[0];
    expect(drawn?.style).toMatchObject(style);
  });
});
