/**
 * Applies the committed drizzle migrations and graphile-worker's own schema. Run at start-up,
 * by `npm run db:migrate`, and on the template database of the integration tests.
 */
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { Logger, runMigrations } from "graphile-worker";
import postgres from "postgres";

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await sql.end({ timeout: 5 });
  }
  await runMigrations({ connectionString: url, logger: quietLogger() });
}

/** graphile-worker logs every migration at info level; keep start-up output readable. */
function quietLogger() {
  return new Logger(() => () => {});
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
