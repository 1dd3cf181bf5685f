/**
 * Database handles. One `postgres` pool per process, wrapped by drizzle; tests make their own
 * with `createDatabase(url)` against a cloned database.
 */
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Sql = postgres.Sql;
/** A drizzle transaction; services that must run inside one take this. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either a database handle or a transaction: for reads and writes that need no transaction of their own. */
export type Executor = Db | Tx;
export type Database = { db: Db; sql: Sql; url: string; close: () => Promise<void> };

export function createDatabase(url: string, options: { max?: number } = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // jsonb values come back parsed; timestamps as Date.
  });
  const db = drizzle(sql, { schema });
  return { db, sql, url, close: () => sql.end({ timeout: 5 }) };
}

const globalForDb = globalThis as unknown as { switchboardDb?: Database };

/** The process-wide database, from DATABASE_URL (set by the launcher when Postgres is embedded). */
export function getDatabase(): Database {
  if (!globalForDb.switchboardDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start` or set DATABASE_URL");
    globalForDb.switchboardDb = createDatabase(url);
  }
  return globalForDb.switchboardDb;
}

export function getDb(): Db {
  return getDatabase().db;
}
