/**
 * Database handles. One `postgres` pool per process, wrapped by drizzle; tests make their own
 * with `createDatabase(url)` against a cloned database.
 */
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";

/**
 * Without the schema: nothing uses drizzle's relational queries, and with it every transaction
 * would build a query builder per table.
 */
export type Db = PostgresJsDatabase;
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
  const db = drizzle(preparing(sql));
  return { db, sql, url, close: () => sql.end({ timeout: 5 }) };
}

type Transactional = Pick<postgres.Sql, "unsafe"> & { begin?: unknown; savepoint?: unknown; [FINISH]?: Finish };

/** The transaction client's own way to send its last statements and COMMIT together. */
const FINISH = Symbol("finish");
type Finish = (queries: readonly { sql: string; params: unknown[] }[]) => Promise<Record<string, unknown>[][]>;

/**
 * drizzle runs its queries with `prepare: false` (unless named), and postgres.js then has to
 * describe each parameterized query before executing it: two round trips per query, a parse
 * and a plan every time, and a transaction's concurrent queries cannot share a round trip.
 * Prepared (once per connection, keyed by the query text), a query is one round trip and
 * concurrent ones are pipelined. Hot paths use fixed query texts (`anyOf`, `recordset`), so
 * the per-connection statement cache stays small.
 *
 * Transactions are pipelined too (see `pipelinedBegin`).
 */
function preparing<T extends Transactional>(client: T): T {
  return new Proxy(client, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key === "unsafe" && typeof value === "function") {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      if (key === "begin" && "reserve" in target) return pipelinedBegin(target as unknown as postgres.Sql);
      return value;
    },
  });
}

type TxCallback = (tx: Transactional) => unknown;

/**
 * A transaction whose BEGIN goes out with its first statements instead of a round trip ahead
 * of them (postgres.js awaits it): on a connection reserved for the transaction, statements
 * run in the order they are sent. Every round trip counts here, on every transaction.
 *
 * The callback is always let finish before the connection is given back, so none of its
 * statements can land on a connection another caller has taken. A statement that failed
 * without its caller noticing leaves the transaction aborted, and COMMIT then answers
 * ROLLBACK: that is an error here, never a silent success.
 */
function pipelinedBegin(sql: postgres.Sql) {
  return async (...args: unknown[]) => {
    const callback = args.at(-1) as TxCallback;
    const mode = typeof args[0] === "string" && args.length > 1 ? args[0].replace(/[^a-z ]/gi, "") : "";
    const connection = await sql.reserve();
    try {
      // Sent first: postgres.js sends a query once it is awaited or executed, in that order.
      const opened = connection.unsafe(`begin ${mode}`).execute();
      const transaction = transactionClient(connection);
      const [began, ran] = await Promise.allSettled([opened, (async () => callback(transaction.client))()]);
      if (began.status === "rejected" || ran.status === "rejected") {
        const reason: unknown = ran.status === "rejected" ? ran.reason : (began as PromiseRejectedResult).reason;
        const committing = transaction.committing();
        if (!committing) {
          await connection.unsafe("rollback").catch(() => {});
          throw reason;
        }
        // COMMIT is already on its way (commitWith): its answer says what happened.
        if ((await committing.then((r) => r.command === "COMMIT", () => false))) throw new CommittedError(reason);
        throw reason;
      }
      const committed = await (transaction.committing() ?? connection.unsafe("commit"));
      if (committed.command !== "COMMIT") throw new Error("the transaction was rolled back: one of its statements failed unnoticed");
      return ran.value;
    } finally {
      connection.release();
    }
  };
}

/**
 * The transaction's client: its queries prepared, nested transactions as savepoints, and a way
 * to send its last statements with COMMIT right behind them (`commitWith`).
 */
function transactionClient(connection: postgres.ReservedSql) {
  let savepoints = 0;
  let depth = 0;
  let commit: ReturnType<postgres.ReservedSql["unsafe"]> | null = null;
  const send = connection.unsafe.bind(connection);
  /** Every query made in the transaction, in order: commitWith sends any not yet sent ahead of COMMIT. */
  const made: ReturnType<postgres.ReservedSql["unsafe"]>[] = [];
  const unsafe = ((query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) => {
    // Anything after COMMIT would run outside the transaction: refuse it loudly instead.
    if (commit) throw new Error(`a statement after the transaction's commit: ${query.slice(0, 80)}`);
    const sent = send(query, params as postgres.ParameterOrJSON<never>[], options);
    made.push(sent);
    return sent;
  }) as postgres.ReservedSql["unsafe"];
  const client = preparing({
    unsafe,
    savepoint: async (callback: TxCallback) => {
      const name = `s${savepoints++}`;
      await unsafe(`savepoint ${name}`);
      depth++;
      try {
        const result = await callback(client);
        await unsafe(`release savepoint ${name}`);
        return result;
      } catch (error) {
        await unsafe(`rollback to savepoint ${name}`);
        throw error;
      } finally {
        depth--;
      }
    },
    [FINISH]: (queries: readonly { sql: string; params: unknown[] }[]) => {
      if (depth > 0) throw new Error("commitWith inside a savepoint: only the transaction itself can commit");
      if (commit) throw new Error("commitWith twice in one transaction");
      // A query made but not yet awaited by its caller would otherwise be sent after COMMIT.
      for (const query of made) query.execute();
      // Executed now, in this order, so COMMIT is queued right behind the statements.
      const results = queries.map((q) => send(q.sql, q.params as postgres.ParameterOrJSON<never>[], { prepare: true }).execute());
      commit = send("commit").execute();
      return Promise.all(results) as Promise<Record<string, unknown>[][]>;
    },
  } as Transactional);
  return { client, committing: () => commit };
}

const dialect = new PgDialect();

/**
 * A transaction's callback failed after commitWith, and the transaction committed all the same:
 * its work is durable, so whoever retries failed transactions must not write it again.
 */
export class CommittedError extends Error {
  constructor(cause: unknown) {
    super(`the transaction committed, but its callback failed after commitWith: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Sends a transaction's last statements with its COMMIT right behind them, instead of waiting for
 * their answers before committing: a round trip less on every transaction that ends this way. Use
 * it in tail position, once the transaction's earlier statements are all started (awaited), for
 * writes whose answers only shape the result: nothing may run in the transaction after it (a
 * statement that tries fails), and if one of these statements fails the transaction rolls back
 * and the error surfaces as usual. Should the callback still fail after it while the transaction
 * commits, the transaction throws `CommittedError`. Outside a pipelined transaction (or in
 * one this module did not open), the statements run as usual and the transaction commits after.
 */
export async function commitWith(tx: Tx, statements: readonly SQL[]): Promise<Record<string, unknown>[][]> {
  const finish = (tx as unknown as { session?: { client?: Transactional } }).session?.client?.[FINISH];
  if (!finish) return Promise.all(statements.map((s) => tx.execute(s))) as Promise<Record<string, unknown>[][]>;
  return finish(statements.map((s) => dialect.sqlToQuery(s)));
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
