import { describe, expect, it } from "vitest";
import { openingViewport } from "./opening-view";

const FIT = { minZoom: 0.1, maxZoom: 1, padding: 0.2 };
const grid = (columns: number, rows: number) =>
  Array.from({ length: columns * rows }, (_, i) => ({ position: { x: Math.floor(i / rows) * 300, y: (i % rows) * 190 } }));

describe("openingViewport", () => {
  it.each([
    ["a small journey opens at full size at most", grid(1, 4), { width: 1200, height: 900 }, 1],
    // The 5,940 × 4,670 grid (cards included) with 20% padding, limited by the height.
    ["a 500-step grid opens zoomed far out", grid(20, 25), { width: 1400, height: 1000 }, 1000 / (4670 * 1.2)],
  ])("%s", (_, nodes, canvas, zoom) => {
    expect(openingViewport(nodes, canvas, FIT).zoom).toBeCloseTo(zoom, 2);
  });

  it("keeps every node inside the canvas", () => {
    const canvas = { width: 1400, height: 1000 };
    const { x, y, zoom } = openingViewport(grid(20, 25), canvas, FIT);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(x + (19 * 300 + 240) * zoom).toBeLessThanOrEqual(canvas.width);
    expect(y + (24 * 190 + 110) * zoom).toBeLessThanOrEqual(canvas.height);
  });

  it("opens an empty journey, or a canvas not laid out yet, at the origin", () => {
    expect(openingViewport([], { width: 800, height: 600 }, FIT)).toEqual({ x: 0, y: 0, zoom: 1 });
    expect(openingViewport(grid(2, 2), { width: 0, height: 0 }, FIT)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
