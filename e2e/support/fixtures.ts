/** Per-test data straight in the e2e database, and signing in through the real form. */
import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import postgres from "postgres";

export const DEMO_PASSWORD = "switchboard-demo";

export function e2eSql() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the e2e tests through playwright (global setup starts the app)");
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "localhost") throw new Error(`Refusing to write e2e data to a non-local database (${host})`);
  return postgres(url, { max: 1, onnotice: () => {} });
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/journeys/);
}

/** A second workspace with its own member and a profile nobody else may see. */
export async function makeOtherWorkspace() {
  const sql = e2eSql();
  const tag = randomBytes(4).toString("hex");
  try {
    const [ws] = await sql<{ id: string }[]>`insert into workspaces (name, slug) values (${`Other ${tag}`}, ${`other-${tag}`}) returning id`;
    const email = `owner-${tag}@other.test`;
    const hash = await bcrypt.hash("other-password-123", 10);
    const [user] = await sql<{ id: string }[]>`insert into users (email, name, password_hash) values (${email}, 'Other Owner', ${hash}) returning id`;
    await sql`insert into memberships (user_id, workspace_id, role) values (${user!.id}, ${ws!.id}, 'admin')`;
    const secretId = `secret-${tag}`;
    await sql`insert into profiles (workspace_id, external_id, email) values (${ws!.id}, ${secretId}, ${`${secretId}@other.test`})`;
    return { workspaceId: ws!.id, email, password: "other-password-123", secretProfile: secretId };
  } finally {
    await sql.end();
  }
}
