import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { boxOf, canvasEdge, canvasNode, canvasPane, connect, dropFromPalette, moveNode, selectNode } from "./support/canvas";
import { e2eSql, signIn } from "./support/fixtures";

const tag = () => randomBytes(3).toString("hex");

function sidePanel(page: Page) {
  return page.getByRole("complementary", { name: "Journey details" });
}

async function openTab(page: Page, name: "Step" | "Journey" | "Issues" | "Test") {
  await sidePanel(page).getByRole("tab", { name: new RegExp(`^${name}`) }).click();
}

async function expectSaved(page: Page) {
  await expect(page.getByText("All changes saved")).toBeVisible();
}

/** A blank journey made from the list page's dialog, with the keyboard only; returns its id. */
async function createBlankJourney(page: Page, name: string): Promise<string> {
  await page.goto("/journeys");
  await page.getByRole("button", { name: "New journey" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New journey" });
  await expect(dialog.getByRole("textbox", { name: "Name" })).toBeFocused();
  await page.keyboard.type(name);
  await expect(dialog.getByRole("radio", { name: /Transactional/ })).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/journeys\/[0-9a-f-]{36}$/);
  await expect(canvasNode(page, "trigger")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().split("/").pop()!;
}

test("a marketer builds the order confirmation from a blank canvas, publishes it and tests the fallback", async ({ page }) => {
  test.setTimeout(90_000);
  const name = `Order confirmation ${tag()}`;
  await signIn(page, "marketer@demo.test");
  await createBlankJourney(page, name);

  await test.step("lay out the steps by dragging", async () => {
    // Two columns at zoom 1: the main path on the left, the SMS safety net on the right.
    await moveNode(page, "trigger", { x: 10, y: 10 });
    await moveNode(page, "end", { x: 10, y: 470 });
    await dropFromPalette(page, /^Add WhatsApp message/, { x: 130, y: 140 });
    await expect(canvasNode(page, "whatsapp")).toBeVisible();
    await dropFromPalette(page, /^Add SMS message/, { x: 385, y: 300 });
    await expect(canvasNode(page, "sms")).toBeVisible();
  });

  await test.step("a broken graph shows its errors and cannot be published", async () => {
    // The new WhatsApp step is empty and nothing leads to it.
    await expect(canvasNode(page, "whatsapp").getByRole("img", { name: /errors?:/ })).toBeVisible();
    await openTab(page, "Issues");
    await expect(sidePanel(page).getByRole("tabpanel", { name: /^Issues/ })).toContainText("Node “whatsapp” cannot be reached from the trigger");

    await page.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog", { name: "Publish this journey" });
    await expect(dialog.getByRole("heading", { name: /errors? — publishing is blocked/ })).toBeVisible();
    await expect(dialog.getByRole("list", { name: "Errors" }).getByRole("listitem").first()).toBeVisible();
    const publish = dialog.getByRole("button", { name: "Publish v1" });
    await expect(publish).toBeDisabled();
    await expect(publish).toHaveAccessibleDescription(/^Fix \d+ errors? before publishing\.$/);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step("fill the inspector", async () => {
    await selectNode(page, "trigger");
    await openTab(page, "Step");
    await sidePanel(page).getByRole("textbox", { name: "Event name" }).fill("order_placed");

    await selectNode(page, "whatsapp");
    await sidePanel(page).getByRole("textbox", { name: "Name on the canvas" }).fill("WhatsApp confirmation");
    await sidePanel(page).getByRole("textbox", { name: "Text", exact: true }).fill("Hi {{ profile.first_name | default: 'there' }}, order {{ event.order_id }} is confirmed.");
    await sidePanel(page).getByRole("checkbox", { name: "Wait for an outcome before moving on" }).check();

    await selectNode(page, "sms");
    await sidePanel(page).getByRole("textbox", { name: "Name on the canvas" }).fill("SMS safety net");
    await sidePanel(page).getByRole("textbox", { name: "Text", exact: true }).fill("ACME: order {{ event.order_id }} confirmed. Track it in the app.");
  });

  await test.step("connect the handles with the mouse", async () => {
    await connect(page, "trigger", "next", "whatsapp"); // replaces the blank journey's trigger → end
    await expect(canvasEdge(page, "trigger", "end")).toHaveCount(0);
    await connect(page, "whatsapp", "next", "end");
    await connect(page, "whatsapp", "fallback", "sms");
    await connect(page, "sms", "next", "end");
    await expect(page.getByRole("button", { name: "0 errors and 0 warnings: show the list" })).toBeVisible();
    await expectSaved(page);
  });

  await test.step("reload: everything was saved", async () => {
    await page.reload();
    for (const id of ["trigger", "whatsapp", "sms", "end"]) await expect(canvasNode(page, id)).toBeVisible();
    await expect(page.locator(".react-flow__edge")).toHaveCount(4);
    await expect(canvasEdge(page, "whatsapp", "sms")).toHaveCount(1);
    await expect(canvasNode(page, "trigger")).toContainText("order_placed");
    await expect(canvasNode(page, "whatsapp")).toContainText("WhatsApp confirmation");
    await selectNode(page, "sms");
    await expect(sidePanel(page).getByRole("textbox", { name: "Text", exact: true })).toHaveValue("ACME: order {{ event.order_id }} confirmed. Track it in the app.");
  });

  await test.step("undo and redo, from the keyboard and the toolbar", async () => {
    await selectNode(page, "sms");
    await page.keyboard.press("Delete");
    await expect(canvasNode(page, "sms")).toHaveCount(0);
    await expect(canvasEdge(page, "whatsapp", "sms")).toHaveCount(0);
    await page.keyboard.press("ControlOrMeta+z");
    await expect(canvasNode(page, "sms")).toBeVisible();
    await expect(canvasEdge(page, "whatsapp", "sms")).toHaveCount(1);
    await page.keyboard.press("ControlOrMeta+Shift+z");
    await expect(canvasNode(page, "sms")).toHaveCount(0);
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await expect(canvasNode(page, "sms")).toBeVisible();
    await expect(page.getByRole("button", { name: "Redo", exact: true })).toBeEnabled();
    await expect(page.getByRole("button", { name: "0 errors and 0 warnings: show the list" })).toBeVisible();
    await expectSaved(page);
  });

  await test.step("publish", async () => {
    await page.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog", { name: "Publish this journey" });
    await expect(dialog.getByText("What goes live")).toBeVisible();
    await expect(dialog.getByText("First version")).toBeVisible();
    await expect(dialog.getByRole("radio", { name: /finish on the version they started/ })).toBeChecked();
    await dialog.getByRole("button", { name: "Publish v1" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "Published v1" })).toBeVisible();
    await expect(page.getByText("Live v1", { exact: true })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Version" })).toContainText("v1 (live)");
  });

  await test.step("live counts on the steps follow the real runs", async () => {
    const event = await page.request.post("/api/v1/events", {
      headers: { authorization: `Bearer ${process.env.E2E_API_KEY}` },
      data: { profileId: "cust_0001", name: "order_placed", properties: { order_id: "A-1000" } },
    });
    expect(event.status()).toBe(202);
    // The engine runs the profile in; the page refreshes the counts every few seconds.
    await expect(canvasNode(page, "trigger").getByLabel("Live counts")).toContainText(/entered\s*1/, { timeout: 20_000 });
  });

  await test.step("simulate: an undelivered WhatsApp takes the SMS safety net", async () => {
    await openTab(page, "Test");
    await sidePanel(page).getByRole("button", { name: "WhatsApp undelivered" }).click();
    await sidePanel(page).getByRole("textbox", { name: "Entry event properties (JSON, optional)" }).fill('{ "order_id": "A-1001" }');
    await sidePanel(page).getByRole("button", { name: "Run test" }).click();
    await expect(sidePanel(page).getByText(/^Result:/)).toBeVisible();
    await expect(sidePanel(page).getByRole("listitem").filter({ hasText: /^SMS · SMS safety net/ })).toBeVisible();
    // The path is lit: the SMS step and the fallback edge into it; the skipped edge is dimmed.
    await expect(canvasNode(page, "sms").locator("> div")).toHaveClass(/ring-emerald-500/);
    await expect(canvasEdge(page, "whatsapp", "sms").locator("path.react-flow__edge-path")).toHaveCSS("stroke", "rgb(16, 185, 129)");
    await expect(canvasEdge(page, "whatsapp", "end").locator("path.react-flow__edge-path")).not.toHaveCSS("stroke", "rgb(16, 185, 129)");
  });

  await test.step("pause and resume", async () => {
    await page.getByRole("button", { name: "Pause", exact: true }).click();
    await expect(page.getByText("Paused (v1)", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Resume", exact: true }).click();
    await expect(page.getByText("Live v1", { exact: true })).toBeVisible();
  });

  await test.step("the published version opens read-only", async () => {
    await page.getByRole("combobox", { name: "Version" }).selectOption("1");
    await expect(page.getByText("Viewing published v1 (live), read-only.")).toBeVisible();
    await expect(page.getByText("View only")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Steps palette" })).toHaveCount(0);
    await page.getByRole("button", { name: "Back to the draft" }).click();
    await expect(page.getByRole("navigation", { name: "Steps palette" })).toBeVisible();
  });
});

test("dragging a step moves and selects it, undo and redo take the whole drag, and the move is saved", async ({ page }) => {
  await signIn(page, "marketer@demo.test");
  const id = await createBlankJourney(page, `Drag ${tag()}`);
  const node = canvasNode(page, "end");
  // The node's place in the flow (React Flow's transform), whatever the view.
  const flowPosition = () => node.evaluate((el) => (el as HTMLElement).style.transform);
  await expect(node).not.toHaveClass(/selected/);
  const before = await flowPosition();

  const pane = await boxOf(canvasPane(page));
  const box = await boxOf(node);
  await moveNode(page, "end", { x: box.x - pane.x + 160, y: box.y - pane.y + 90 });
  const after = await flowPosition();
  expect(after).not.toBe(before);
  await expect(node).toHaveClass(/selected/);

  // Every frame of the drag was one gesture: one undo puts the node back where it started.
  await page.keyboard.press("ControlOrMeta+z");
  await expect.poll(flowPosition).toBe(before);
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect.poll(flowPosition).toBe(after);

  const sql = e2eSql();
  try {
    const savedPosition = async () => {
      const [row] = await sql<{ x: number; y: number }[]>`
        select (n->'position'->>'x')::float8 as x, (n->'position'->>'y')::float8 as y
        from journeys, jsonb_array_elements(draft->'nodes') n where journeys.id = ${id} and n->>'id' = 'end'`;
      return row ? [row.x, row.y] : [];
    };
    // The transform prints the position rounded: compare the numbers, to the hundredth.
    const [x, y] = (/translate\(([-\d.e]+)px, ([-\d.e]+)px\)/.exec(after) ?? []).slice(1).map(Number);
    expect([x, y].every(Number.isFinite)).toBe(true);
    await expect.poll(async () => savedPosition().then(([sx, sy]) => Math.abs(sx! - x!) < 0.01 && Math.abs(sy! - y!) < 0.01)).toBe(true);
  } finally {
    await sql.end();
  }
  await expectSaved(page);
  await page.reload();
  await expect(node).toBeVisible();
  expect(await flowPosition()).toBe(after);

  await test.step("dragging one of several selected steps moves them all and keeps the selection", async () => {
    const trigger = canvasNode(page, "trigger");
    const triggerPosition = () => trigger.evaluate((el) => (el as HTMLElement).style.transform);
    await selectNode(page, "trigger");
    await node.click({ modifiers: ["ControlOrMeta"], position: { x: 30, y: 16 } });
    await expect(node).toHaveClass(/selected/);
    await expect(trigger).toHaveClass(/selected/);
    const triggerBefore = await triggerPosition();
    const endBox = await boxOf(node);
    await moveNode(page, "end", { x: endBox.x - pane.x + 120, y: endBox.y - pane.y + 60 });
    await expect.poll(triggerPosition).not.toBe(triggerBefore);
    await expect(node).toHaveClass(/selected/);
    await expect(trigger).toHaveClass(/selected/);
  });
});

test("an analyst sees a journey but cannot change it", async ({ page }) => {
  await signIn(page, "analyst@demo.test");
  await expect(page.getByRole("button", { name: "New journey" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Rename / })).toHaveCount(0);
  await page.getByRole("link", { name: /^Order confirmation: WhatsApp/ }).click();
  await expect(canvasNode(page, "order_placed")).toBeVisible();

  await expect(page.getByText("View only")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Steps palette" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publish…" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Undo", exact: true })).toHaveCount(0);

  // Dragging does not move a step (it pans the view), Delete does not remove it, and its form is disabled.
  const node = canvasNode(page, "whatsapp_confirmation");
  const flowPosition = () => node.evaluate((el) => (el as HTMLElement).style.transform);
  const before = await flowPosition();
  const box = await node.boundingBox();
  await page.mouse.move(box!.x + 60, box!.y + 40);
  await page.mouse.down();
  await page.mouse.move(box!.x + 180, box!.y + 120, { steps: 8 });
  await page.mouse.up();
  expect(await flowPosition()).toBe(before);
  await canvasNode(page, "whatsapp_confirmation").click();
  await page.keyboard.press("Delete");
  await expect(canvasNode(page, "whatsapp_confirmation")).toBeVisible();
  await expect(sidePanel(page).getByRole("textbox", { name: "Text", exact: true })).toBeDisabled();
});

test("a stale save is a conflict: the marketer reloads theirs or overwrites it, nothing is lost silently", async ({ page }) => {
  await signIn(page, "marketer@demo.test");
  const id = await createBlankJourney(page, `Conflict ${tag()}`);
  const sql = e2eSql();
  try {
    // Someone else saves: another name and a bumped revision.
    const someoneElseSaves = (name: string) =>
      sql`update journeys set revision = revision + 1, name = ${name}, draft = jsonb_set(draft, '{name}', to_jsonb(${name}::text)) where id = ${id}`;

    await someoneElseSaves("Renamed elsewhere");
    await selectNode(page, "trigger");
    await sidePanel(page).getByRole("textbox", { name: "Event name" }).fill("order_placed");
    const banner = page.getByRole("alert").filter({ hasText: "Someone else saved this journey" });
    await expect(banner).toBeVisible();
    await expect(page.getByText("Someone else changed this journey")).toBeVisible();

    await banner.getByRole("button", { name: "Reload their version" }).click();
    await expect(banner).toBeHidden();
    await expect(page.getByRole("heading", { level: 1, name: "Renamed elsewhere" })).toBeVisible();
    await expect(canvasNode(page, "trigger")).toContainText("signed_up");

    await someoneElseSaves("Renamed again");
    await selectNode(page, "trigger");
    await sidePanel(page).getByRole("textbox", { name: "Event name" }).fill("payment_failed");
    await banner.getByRole("button", { name: "Overwrite with mine" }).click();
    await expectSaved(page);
    const [row] = await sql<{ name: string; event: string }[]>`select name, draft->'nodes'->0->'config'->>'event' as event from journeys where id = ${id}`;
    expect(row).toEqual({ name: "Renamed elsewhere", event: "payment_failed" });
  } finally {
    await sql.end();
  }
});

test("the list creates from a template, imports, exports, renames, duplicates and archives", async ({ page }) => {
  await signIn(page, "marketer@demo.test");

  await test.step("template gallery", async () => {
    await page.getByRole("button", { name: "New journey" }).click();
    const dialog = page.getByRole("dialog", { name: "New journey" });
    await expect(dialog.getByRole("list", { name: "Templates" }).getByRole("listitem")).toHaveCount(7);
    await dialog.getByRole("button", { name: "Use the Shipment updates template" }).click();
    await expect(page).toHaveURL(/\/journeys\/[0-9a-f-]{36}$/);
    await expect(page.locator(".react-flow__node")).not.toHaveCount(0);
    await page.getByRole("link", { name: "← Journeys" }).click();
  });

  const key = `imported-${tag()}`;
  await test.step("import: a broken file is explained, a valid one opens", async () => {
    const file = page.getByLabel("Journey file to import");
    await file.setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ format: "switchboard.journey/v2", key, nodes: [] })) });
    const alert = page.getByRole("alert").filter({ hasText: "broken.json is not a valid switchboard.journey/v1 document." });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole("list", { name: "Problems in the file" })).toContainText('format: format must be "switchboard.journey/v1"');

    const fixture = new URL("../components/canvas/__fixtures__/order-confirmation-whatsapp-sms-fallback.json", import.meta.url);
    const document = JSON.parse(await readFile(fixture, "utf8"));
    await file.setInputFiles({ name: "good.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ ...document, key, name: `Imported ${key}` })) });
    await expect(page).toHaveURL(/\/journeys\/[0-9a-f-]{36}$/);
    await expect(canvasNode(page, "sms")).toBeVisible();
    await page.getByRole("link", { name: "← Journeys" }).click();
  });

  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(key) }) });
  await test.step("export downloads the document", async () => {
    const download = page.waitForEvent("download");
    await row.getByRole("button", { name: /^Export / }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${key}.json`);
    const exported = JSON.parse(await readFile((await file.path())!, "utf8"));
    expect(exported).toMatchObject({ format: "switchboard.journey/v1", key, name: `Imported ${key}` });
  });

  await test.step("rename, duplicate, archive, restore", async () => {
    await row.getByRole("button", { name: /^Rename / }).click();
    await row.getByRole("textbox", { name: /^New name for / }).fill(`Renamed ${key}`);
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("link", { name: `Renamed ${key}` })).toBeVisible();
    await expect(row).toContainText("by Mira Marketer");

    await row.getByRole("button", { name: /^Archive / }).click();
    await row.getByRole("button", { name: "Yes, archive" }).click();
    await expect(row.getByText("Archived", { exact: true })).toBeVisible();
    await row.getByRole("button", { name: /^Restore / }).click();
    await expect(row.getByText("Draft", { exact: true })).toBeVisible();

    await row.getByRole("button", { name: /^Duplicate / }).click();
    await expect(page).toHaveURL(/\/journeys\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: `Renamed ${key} (copy)` })).toBeVisible();
  });
});
