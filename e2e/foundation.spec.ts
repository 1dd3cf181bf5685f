import { expect, test } from "@playwright/test";
import { makeOtherWorkspace, signIn } from "./support/fixtures";

const NAV = ["Journeys", "Profiles", "Analytics", "Admin"] as const;
const ROLES = [
  { email: "admin@demo.test", sees: ["Journeys", "Profiles", "Analytics", "Admin"] },
  { email: "marketer@demo.test", sees: ["Journeys", "Profiles", "Analytics"] },
  { email: "analyst@demo.test", sees: ["Journeys", "Profiles", "Analytics"] },
];

test("the health endpoint reports the database and the worker up", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ ok: true, db: "up", worker: "up" });
});

test("signed-out visitors land on the sign-in page", async ({ page }) => {
  await page.goto("/profiles");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in to Switchboard" })).toBeVisible();
});

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("marketer@demo.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
});

for (const role of ROLES) {
  test(`${role.email} sees the navigation of their role`, async ({ page }) => {
    await signIn(page, role.email);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const item of NAV) {
      await expect(nav.getByRole("link", { name: item, exact: true })).toHaveCount(role.sees.includes(item) ? 1 : 0);
    }
    await expect(page.getByRole("combobox", { name: "Workspace" })).toContainText("Demo");
  });
}

test("an analyst is refused the admin pages", async ({ page }) => {
  await signIn(page, "analyst@demo.test");
  await page.goto("/admin/members");
  await expect(page.getByRole("heading", { name: "You don't have access to Admin" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("profiles are searchable and paginated", async ({ page }) => {
  await signIn(page, "marketer@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Profiles" }).click();
  await expect(page.getByRole("heading", { name: "Profiles", level: 1 })).toBeVisible();
  await expect(page.getByText("cust_0001")).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("cust_0001")).toHaveCount(0);
  await page.getByLabel("Search profiles").fill("cust_0042");
  await expect(page.getByText("cust_0042")).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2); // header + one match
});

test("a user of one workspace cannot read another workspace's profiles, in the UI or through tRPC", async ({ page }) => {
  const other = await makeOtherWorkspace();
  await signIn(page, "admin@demo.test");
  await page.goto("/profiles");
  await page.getByLabel("Search profiles").fill(other.secretProfile);
  await expect(page.getByText("No profiles match")).toBeVisible();

  // Even naming the other workspace in the cookie and calling tRPC directly reads only Demo.
  await page.context().addCookies([{ name: "sb_workspace", value: other.workspaceId, url: page.url() }]);
  const input = encodeURIComponent(JSON.stringify({ 0: { search: other.secretProfile } }));
  const res = await page.request.get(`/api/trpc/profiles.list?batch=1&input=${input}`);
  expect(res.status()).toBe(200);
  const [body] = await res.json();
  expect(body.result.data.total).toBe(0);
  const switched = await page.request.post("/api/trpc/workspace.switch?batch=1", {
    data: { 0: { workspaceId: other.workspaceId } },
  });
  expect(switched.status()).toBe(403);

  // The other workspace's own member does see it.
  await page.context().clearCookies();
  await signIn(page, other.email, other.password);
  await page.goto("/profiles");
  await expect(page.getByRole("rowheader", { name: other.secretProfile })).toBeVisible();
});

test("an admin invites a member and creates an API key, each secret shown once", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/admin/members");
  const email = `invitee-${Date.now()}@demo.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Invited Person");
  await page.getByRole("button", { name: /invite/i }).click();
  await expect(page.getByText(/will not be shown again/)).toBeVisible();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();

  await page.goto("/admin/api-keys");
  await page.getByLabel("Name").fill("E2E key");
  await page.getByRole("button", { name: /create/i }).click();
  await expect(page.getByText(/will not be shown again/)).toBeVisible();
  const key = (await page.getByRole("status").locator("code").textContent())?.trim();
  expect(key).toMatch(/^sb_live_/);
  await page.reload();
  await expect(page.getByText(key!)).toHaveCount(0);
  await expect(page.getByRole("cell", { name: "E2E key" })).toBeVisible();
});
