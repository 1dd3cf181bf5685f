/**
 * Integration tests: one embedded PostgreSQL for the whole run, and a migrated template
 * database that every test file clones (CREATE DATABASE … TEMPLATE takes milliseconds).
 * With TEST_DATABASE_URL set (an admin URL of an external server), that server is used.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../embedded-postgres";
import { migrateDatabase } from "../migrate";
import { TEMPLATE_DATABASE, withDatabase } from "./names";


declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const dataDir = path.resolve(".test-data", `vitest-${process.pid}`);
    rmSync(dataDir, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({ dataDir, persistent: false });
    adminUrl = server.url();
    stop = async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  await migrateDatabase(withDatabase(adminUrl, TEMPLATE_DATABASE));
  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await stop?.();
  };
}
