/**
 * A fresh database for one integration test file, cloned from the migrated template.
 * Usage: `const t = await createTestDatabase(); … afterAll(() => t.drop());`
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { createDatabase, type Database } from "../client";
import { TEMPLATE_DATABASE, withDatabase } from "./names";

export type TestDatabase = Database & { name: string; drop: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const database = createDatabase(withDatabase(adminUrl, name), { max: 5 });
  return {
    ...database,
    name,
    drop: async () => {
      await database.close();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
