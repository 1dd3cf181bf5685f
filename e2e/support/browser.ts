/**
 * Finds a Chromium for Playwright (which cannot download its own here): CHROMIUM_PATH, then
 * Debian's /usr/bin/chromium, then Playwright's cache; otherwise says what to install.
 */
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import type { LaunchOptions } from "@playwright/test";

export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const c of candidates) if (c && existsSync(c)) return c;
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(homedir(), ".cache", "ms-playwright");
  if (existsSync(cache)) {
    for (const dir of readdirSync(cache).filter((d) => d.startsWith("chromium")).sort().reverse()) {
      const exe = path.join(cache, dir, "chrome-linux", "chrome");
      if (existsSync(exe)) return exe;
    }
  }
  throw new Error(
    "No Chromium found for the e2e tests. Install Debian's: `apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium/Chrome binary).",
  );
}

export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: findChromium(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  };
}
