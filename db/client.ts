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
  const db = drizzle(preparing(sql), { schema });
  return { db, sql, url, close: () => sql.end({ timeout: 5 }) };
}

type Transactional = Pick<postgres.Sql, "unsafe"> & { begin?: unknown; savepoint?: unknown };

/**
 * drizzle runs its queries with `prepare: false` (unless named), and postgres.js then has to
 * describe each parameterized query before executing it: two round trips per query, a parse
 * and a plan every time, and a transaction's concurrent queries cannot share a round trip.
 * Prepared (once per connection, keyed by the query text), a query is one round trip and
 * concurrent ones are pipelined. Hot paths use fixed query texts (`anyOf`, `recordset`), so
 * the per-connection statement cache stays small.
 */
function preparing<T extends Transactional>(client: T): T {
  return new Proxy(client, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      if (key === "unsafe") {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      if (key === "begin" || key === "savepoint") {
        // The transaction's own client gets the same treatment; the callback is the last argument.
        return (...args: unknown[]) => {
          const callback = args.at(-1) as (tx: Transactional) => unknown;
          return (value as (...a: unknown[]) => unknown).apply(target, [...args.slice(0, -1), (tx: Transactional) => callback(preparing(tx))]);
        };
      }
      return value;
    },
  });
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
