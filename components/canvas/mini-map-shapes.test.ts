import type { InternalNode } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { createMiniMapProjector, miniMapView } from "./mini-map-shapes";

function internal(id: string, x: number, y: number, extra: Partial<InternalNode> = {}): InternalNode {
  return {
    id,
    type: "wait",
    position: { x, y },
    data: {},
    measured: { width: 100, height: 50 },
    internals: { positionAbsolute: { x, y }, z: 0, userNode: { id, position: { x, y }, data: {} } },
    ...extra,
  };
}

const lookupOf = (nodes: InternalNode[]) => new Map(nodes.map((n) => [n.id, n]));

describe("createMiniMapProjector", () => {
  const nodes = Array.from({ length: 5 }, (_, i) => internal(`n${i}`, i * 200, 0));

  it("draws every node in lookup order, in chunks, with the bounds around them", () => {
    const shapes = createMiniMapProjector(2)(lookupOf(nodes));
    expect(shapes.chunks.map((c) => c.map((r) => r?.id))).toEqual([["n0", "n1"], ["n2", "n3"], ["n4"]]);
    expect(shapes.chunks[0]?.[1]).toEqual({ id: "n1", type: "wait", selected: false, x: 200, y: 0, width: 100, height: 50 });
    expect(shapes.bounds).toEqual({ x: 0, y: 0, width: 900, height: 50 });
  });

  it("returns the same picture while nothing changed, and re-makes only the moved node's chunk", () => {
    const project = createMiniMapProjector(2);
    const first = project(lookupOf(nodes));
    expect(project(lookupOf(nodes))).toBe(first);

    const moved = nodes.map((n) => (n.id === "n2" ? internal("n2", 400, 30) : n));
    const second = project(lookupOf(moved));
    expect(second.chunks[0]).toBe(first.chunks[0]);
    expect(second.chunks[1]).not.toBe(first.chunks[1]);
    expect(second.chunks[1]?.[0]).toMatchObject({ id: "n2", y: 30 });
    expect(second.chunks[2]).toBe(first.chunks[2]);
    expect(second.bounds).toEqual({ x: 0, y: 0, width: 900, height: 80 });
  });

  it("follows selection and removals", () => {
    const project = createMiniMapProjector(2);
    project(lookupOf(nodes));
    const selected = project(lookupOf(nodes.map((n) => (n.id === "n4" ? { ...n, selected: true } : n))));
    expect(selected.chunks[2]?.[0]?.selected).toBe(true);
    const fewer = project(lookupOf(nodes.slice(0, 3)));
    expect(fewer.chunks.map((c) => c.map((r) => r?.id))).toEqual([["n0", "n1"], ["n2"]]);
    expect(fewer.bounds).toEqual({ x: 0, y: 0, width: 500, height: 50 });
  });

  it.each([
    ["hidden", { hidden: true }],
    ["not measured yet", { measured: {} }],
  ])("leaves out a node that is %s, as React Flow's minimap does", (_name, extra) => {
    const shapes = createMiniMapProjector()(lookupOf([internal("a", 0, 0), internal("b", 500, 500, extra)]));
    expect(shapes.chunks[0]?.[1]).toBeUndefined();
  });

  it("has no bounds without a visible node", () => {
    expect(createMiniMapProjector()(lookupOf([internal("a", 0, 0, { hidden: true })])).bounds).toBeUndefined();
  });
});

describe("miniMapView", () => {
  const size = { width: 160, height: 110 };

  it("frames the nodes and the viewport as React Flow's minimap does", () => {
    // The view (0,0 → 800×600 at zoom 1) holds the nodes: it alone sets the scale.
    const view = miniMapView({ x: 100, y: 100, width: 200, height: 100 }, [0, 0, 1], { width: 800, height: 600 }, size);
    const viewScale = Math.max(800 / 160, 600 / 110);
    expect(view.viewScale).toBe(viewScale);
    const offset = 5 * viewScale;
    const x = -(viewScale * 160 - 800) / 2 - offset;
    const y = -(viewScale * 110 - 600) / 2 - offset;
    const width = viewScale * 160 + 2 * offset;
    const height = viewScale * 110 + 2 * offset;
    expect(view.viewBox).toBe(`${x} ${y} ${width} ${height}`);
    expect(view.mask).toBe(
      `M${x - offset},${y - offset}h${width + offset * 2}v${height + offset * 2}h${-width - offset * 2}z M0,0h800v600h-800z`,
    );
  });

  it("shows the viewport in flow coordinates when panned and zoomed", () => {
    const view = miniMapView(undefined, [-200, -100, 2], { width: 800, height: 600 }, size);
    expect(view.mask.endsWith("M100,50h400v300h-400z")).toBe(true);
  });
});
