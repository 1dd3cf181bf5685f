/**
 * The launcher's refusals, as a user meets them: a real `npm start` process that must stop at
 * once with a clear message and start nothing.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function launch(env: Record<string, string>) {
  const { PORT: _p, DATABASE_URL: _d, NEXTAUTH_SECRET: _s, ...rest } = process.env;
  return spawnSync(process.execPath, ["--import", "tsx", "server/launcher.ts"], {
    env: { ...rest, LOG_LEVEL: "info", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm start", () => {
  it("refuses production with an external database but no auth secret", () => {
    const result = launch({ NODE_ENV: "production", DATABASE_URL: "postgres://app:pw@127.0.0.1:1/switchboard" });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain("NEXTAUTH_SECRET is required in production with DATABASE_URL");
  });

  it("refuses a bad PORT with the setting named", () => {
    const result = launch({ PORT: "not-a-port" });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain("PORT");
  });
});
