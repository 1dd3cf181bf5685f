/**
 * Starts the real, built app for the e2e run: a fresh embedded PostgreSQL, then `npm start`
 * against it (migrations, demo seed, worker, Next). Tests reach the same database through
 * E2E_DATABASE_URL to add their own rows; it must be local.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "../../db/embedded-postgres";
import { ensureDatabase } from "../../db/migrate";

const PORT = Number(process.env.E2E_PORT ?? 3107);
export const E2E_API_KEY = "sb_e2e_bootstrap_key_0123456789";

export default async function globalSetup() {
  const dataDir = path.resolve(".test-data", "e2e");
  rmSync(dataDir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({ dataDir, persistent: false });
  await ensureDatabase(pg.url(), "switchboard");
  const databaseUrl = pg.url("switchboard");
  process.env.E2E_DATABASE_URL = databaseUrl;
  process.env.E2E_API_KEY = E2E_API_KEY;

  const app = spawn(process.execPath, ["--import", "tsx", "server/launcher.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      BOOTSTRAP_API_KEY: E2E_API_KEY,
      SWITCHBOARD_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForHealth(`http://localhost:${PORT}/api/health`, app);

  return async () => {
    await new Promise<void>((resolve) => {
      if (app.exitCode !== null) return resolve();
      app.once("exit", () => resolve());
      app.kill("SIGTERM");
    });
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

async function waitForHealth(url: string, app: ReturnType<typeof spawn>) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode} before it was healthy`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not become healthy at ${url} within 120 s`);
}
