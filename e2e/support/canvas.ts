/**
 * Driving the journey canvas like a person: real mouse drags from the palette, on node headers
 * and between handles. Nodes are found by `.react-flow__node[data-id]`, handles by the output
 * name React Flow puts in `data-handleid`.
 */
import { expect, type Locator, type Page } from "@playwright/test";

type Point = { x: number; y: number };

export function canvasNode(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** The edge from one node to another (React Flow labels edges with their ends' ids). */
export function canvasEdge(page: Page, source: string, target: string): Locator {
  return page.locator(`.react-flow__edge[aria-label="Edge from ${source} to ${target}"]`);
}

export async function boxOf(locator: Locator) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  if (!box) throw new Error(`no bounding box for ${locator}`);
  return box;
}

const centre = (b: { x: number; y: number; width: number; height: number }): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** Where the canvas is on the page: positions below are relative to its top-left corner. */
export function canvasPane(page: Page): Locator {
  return page.locator(".react-flow__pane");
}

/**
 * Drag a palette item onto the canvas so the new node's top edge is centred on `at` (the canvas
 * drops a node 20 px above the pointer, centred on it; the tests keep the zoom at 1).
 */
export async function dropFromPalette(page: Page, item: RegExp, at: Point) {
  await page
    .getByRole("navigation", { name: "Steps palette" })
    .getByRole("button", { name: item })
    .dragTo(canvasPane(page), { targetPosition: { x: at.x, y: at.y + 20 } });
}

/** Move a node by its header so its top-left corner lands on `topLeft` (canvas coordinates). */
export async function moveNode(page: Page, id: string, topLeft: Point) {
  const pane = await boxOf(canvasPane(page));
  const node = await boxOf(canvasNode(page, id));
  // Left of the input handle (top centre), and far enough in that the pointer stays clear of
  // the canvas edge, where React Flow would pan the view while dragging.
  const offset = { x: 60, y: Math.min(40, node.height / 2) };
  const grab = { x: node.x + offset.x, y: node.y + offset.y };
  const target = { x: pane.x + topLeft.x + offset.x, y: pane.y + topLeft.y + offset.y };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  // React Flow starts a node drag on the first move past its threshold and counts from there.
  await page.mouse.move(grab.x + 2, grab.y);
  await page.mouse.move(target.x + 2, target.y, { steps: 12 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await boxOf(canvasNode(page, id))).y - pane.y)).toBe(Math.round(topLeft.y));
}

/** Draw an edge with the mouse from `source`'s output `handle` to `target`'s input. */
export async function connect(page: Page, source: string, handle: string, target: string) {
  const from = centre(await boxOf(canvasNode(page, source).locator(`.react-flow__handle.source[data-handleid="${handle}"]`)));
  const to = centre(await boxOf(canvasNode(page, target).locator(".react-flow__handle.target")));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
  await expect(canvasEdge(page, source, target)).toHaveCount(1);
}

/** Select a node as a user does, by clicking its header. */
export async function selectNode(page: Page, id: string) {
  const node = await boxOf(canvasNode(page, id));
  await page.mouse.click(node.x + 30, node.y + 16);
  await expect(canvasNode(page, id)).toHaveClass(/selected/);
}
