/**
 * `npm run bench:canvas`: how the journey editor copes with a 500-step journey, in the built
 * app (`npm run build` first). It starts a fresh embedded PostgreSQL and the app
 * (`server/launcher.ts`, production mode) on free ports, stores a generated journey in the demo
 * workspace, signs in as the marketer in headless Chromium and measures:
 *
 * - openMs: from the navigation to the editor until every node is in the DOM, measured and
 *   visible, and the next frame has started (so that frame was painted). Median of a few warm
 *   opens: the app's scripts are cached, as for anyone who opened a page before.
 * - dragFrameP50Ms / dragFrameP95Ms: frame times (requestAnimationFrame deltas) while a node
 *   is dragged around a loop by a mouse moving faster than frames come, at the view the editor
 *   opens with (all nodes on screen, so all in the DOM); only frames in which the node moved
 *   count. Headless Chromium keeps vsync, so a frame that keeps up takes one 60 Hz interval
 *   (16.7 ms): that is what the 16 ms target means here; 33 ms is one dropped frame.
 *   `atZoom100` repeats the drag at 100% zoom, where the canvas renders only the nodes in view.
 *
 * Prints one JSON object on stdout; progress goes to stderr. BENCH_NODES changes the size.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import postgres from "postgres";
import { freePort, startEmbeddedPostgres } from "@/db/embedded-postgres";
import { ensureDatabase } from "@/db/migrate";
import { chromiumLaunchOptions } from "@/e2e/support/browser";
import { largeJourney } from "./large-journey";

const NODES = Number(process.env.BENCH_NODES ?? 500);
const OPEN_RUNS = 3;
/** Three seconds of dragging: enough frames for a p95 even when frames are slow. */
const DRAG_MOVES = 375;
const MOVE_INTERVAL_MS = 8;
/** A loop this wide keeps the dragged node on screen at any zoom the bench uses. */
const DRAG_RADIUS = 100;
/** Large enough that fitView shows all 500 nodes above the editor's minimum zoom. */
const VIEWPORT = { width: 1920, height: 1080 };
const TARGETS = { openMs: 1_500, dragFrameP95Ms: 16 };
/**
 * Headless Chromium keeps vsync: a frame that keeps up lasts one 60 Hz interval (16.67 ms, read
 * as 16.7–16.8 from rAF timestamps), never less, so "p95 ≤ 16 ms" is met when p95 is one
 * interval and missed from the first dropped frame (33.3 ms) on.
 */
const VSYNC_INTERVAL_MS = 1000 / 60;
const FRAME_CLOCK_JITTER_MS = 0.5;

const progress = (message: string) => process.stderr.write(`[canvas-bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const round = (n: number) => Math.round(n * 10) / 10;

async function startApp(databaseUrl: string, dataDir: string): Promise<{ app: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const app = spawn(process.execPath, ["--import", "tsx", "server/launcher.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: "canvas-bench-secret-not-for-production-0123",
      SWITCHBOARD_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode} before it was healthy`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { app, baseUrl };
    await new Promise((r) => setTimeout(r, 500));
  }
  app.kill("SIGTERM");
  throw new Error("the app did not become healthy within 120 s");
}

async function storeJourney(databaseUrl: string): Promise<string> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const doc = largeJourney(NODES);
    const [ws] = await sql<{ id: string }[]>`select id from workspaces where slug = 'demo'`;
    if (!ws) throw new Error("the demo workspace was not seeded");
    const [row] = await sql<{ id: string }[]>`
      insert into journeys (workspace_id, key, name, purpose, draft)
      values (${ws.id}, ${doc.key}, ${doc.name}, ${doc.purpose}, ${sql.json(doc as unknown as postgres.JSONValue)})
      returning id`;
    return row!.id;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("marketer@demo.test");
  await page.getByLabel("Password").fill("switchboard-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/journeys/);
}

/** Navigation start → all nodes rendered and visible → the next frame begins. */
async function measureOpen(page: Page, journeyId: string): Promise<number> {
  await page.goto("/journeys");
  await page.goto(`/journeys/${journeyId}`, { waitUntil: "commit" });
  const handle = await page.waitForFunction(
    // 0 (falsy) means not yet: waitForFunction polls again on the next frame.
    (count) => {
      const nodes = document.querySelectorAll<HTMLElement>(".react-flow__node");
      if (nodes.length < count) return 0;
      for (const node of nodes) if (node.style.visibility === "hidden") return 0;
      return new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
    },
    NODES,
    { polling: "raf", timeout: 60_000 },
  );
  return handle.jsonValue();
}

/**
 * Runs in the page before the drag: the gap before every animation frame in which the dragged
 * node moved, and a count of long animation frames (over 50 ms). The mouse moves faster than
 * frames come, so every frame has a move to render: the gap is how long that frame took.
 * A string, because tsx would wrap named functions in a helper the page does not have.
 */
const FRAME_RECORDER = `(id) => {
  const el = document.querySelector('.react-flow__node[data-id="' + id + '"]');
  const bench = (window.__bench = { frames: [], longFrames: 0, stop: false });
  new PerformanceObserver((list) => { bench.longFrames += list.getEntries().length; }).observe({ type: "long-animation-frame" });
  let lastTime;
  let lastTransform = el.style.transform;
  const tick = (time) => {
    const transform = el.style.transform;
    if (lastTime !== undefined && transform !== lastTransform) bench.frames.push(time - lastTime);
    lastTime = time;
    lastTransform = transform;
    if (!bench.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}`;

type DragFrames = { frames: number[]; longFrames: number; renderedNodes: number };

/** The id of the rendered node nearest the canvas centre: its whole drag stays on screen. */
async function nodeNearCentre(page: Page): Promise<string> {
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  return page.evaluate(
    ({ x, y }) => {
      let best: { id: string; d: number } | undefined;
      for (const el of document.querySelectorAll<HTMLElement>(".react-flow__node")) {
        const r = el.getBoundingClientRect();
        const d = Math.hypot(r.x + r.width / 2 - x, r.y + r.height / 2 - y);
        if (!best || d < best.d) best = { id: el.dataset.id ?? "", d };
      }
      return best?.id ?? "";
    },
    { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 },
  );
}

/**
 * Frame times while a node is dragged around a loop with the mouse. Moves go straight to
 * Chromium's input pipeline every 8 ms (a 125 Hz mouse) without waiting for each to be handled,
 * as a real mouse does; the drag stays well inside the canvas, so it never auto-pans.
 */
async function measureDrag(page: Page): Promise<DragFrames> {
  const nodeId = await nodeNearCentre(page);
  const box = (await page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox())!;
  await page.evaluate(`(${FRAME_RECORDER})(${JSON.stringify(nodeId)})`);
  const cdp = await page.context().newCDPSession(page);
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const moves: Promise<unknown>[] = [];
  for (let i = 1; i <= DRAG_MOVES; i++) {
    const angle = (i / DRAG_MOVES) * 2 * Math.PI;
    const x = start.x + DRAG_RADIUS * Math.sin(angle);
    const y = start.y + DRAG_RADIUS * (1 - Math.cos(angle));
    moves.push(cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", x, y, button: "left", buttons: 1 }));
    await new Promise((r) => setTimeout(r, MOVE_INTERVAL_MS));
  }
  await Promise.all(moves);
  await page.mouse.up();
  await cdp.detach();
  return page.evaluate(() => {
    const w = window as unknown as { __bench: { frames: number[]; longFrames: number; stop: boolean } };
    w.__bench.stop = true;
    return { frames: w.__bench.frames, longFrames: w.__bench.longFrames, renderedNodes: document.querySelectorAll(".react-flow__node").length };
  });
}

/** Zoom to 100% around the canvas centre with the zoom controls, as a marketer editing would. */
async function zoomToActualSize(page: Page) {
  const zoom = () => page.locator(".react-flow__viewport").evaluate((el) => Number(/scale\(([\d.]+)\)/.exec((el as HTMLElement).style.transform)?.[1] ?? 1));
  while ((await zoom()) < 0.99) await page.getByRole("button", { name: "Zoom In" }).click();
}

function frameFigures(frames: readonly number[]) {
  const sorted = [...frames].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), count: sorted.length };
}

async function main() {
  if (!existsSync(path.resolve(".next", "BUILD_ID"))) throw new Error("No production build: run `npm run build` first.");
  const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-canvas-bench-"));
  // The server runs as the `postgres` user when we are root: it must be able to enter the dir.
  chmodSync(dataDir, 0o755);
  const cleanups: (() => Promise<unknown> | void)[] = [() => rmSync(dataDir, { recursive: true, force: true })];
  try {
    progress("starting PostgreSQL");
    const pg = await startEmbeddedPostgres({ dataDir, persistent: false });
    cleanups.unshift(() => pg.stop());
    await ensureDatabase(pg.url(), "switchboard");
    const databaseUrl = pg.url("switchboard");

    progress("starting the app");
    const { app, baseUrl } = await startApp(databaseUrl, dataDir);
    cleanups.unshift(() => new Promise<void>((resolve) => (app.exitCode !== null ? resolve() : (app.once("exit", () => resolve()), app.kill("SIGTERM")))));
    const journeyId = await storeJourney(databaseUrl);

    const browser = await chromium.launch(chromiumLaunchOptions());
    cleanups.unshift(() => browser.close());
    const page = await browser.newPage({ viewport: VIEWPORT, baseURL: baseUrl });
    await signIn(page);

    progress(`opening a ${NODES}-node journey (1 warm-up + ${OPEN_RUNS} runs)`);
    await measureOpen(page, journeyId);
    const opens: number[] = [];
    for (let i = 0; i < OPEN_RUNS; i++) opens.push(await measureOpen(page, journeyId));
    const sortedOpens = [...opens].sort((a, b) => a - b);

    progress("dragging a node with every node in view");
    const all = await measureDrag(page);
    const fit = frameFigures(all.frames);
    progress("dragging a node at 100% zoom");
    await zoomToActualSize(page);
    const close = await measureDrag(page);
    const actual = frameFigures(close.frames);

    const result = {
      openMs: round(percentile(sortedOpens, 50)),
      dragFrameP50Ms: round(fit.p50),
      dragFrameP95Ms: round(fit.p95),
      nodes: NODES,
      openRunsMs: opens.map(round),
      dragFrames: fit.count,
      longAnimationFrames: all.longFrames,
      atZoom100: { dragFrameP50Ms: round(actual.p50), dragFrameP95Ms: round(actual.p95), dragFrames: actual.count, renderedNodes: close.renderedNodes },
      targets: TARGETS,
      met: { open: percentile(sortedOpens, 50) <= TARGETS.openMs, drag: fit.p95 <= Math.max(TARGETS.dragFrameP95Ms, VSYNC_INTERVAL_MS + FRAME_CLOCK_JITTER_MS) },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
