/**
 * A throwaway PostgreSQL for one benchmark run: the shipped embedded server (fsync on, same
 * flags as `npm start`) in a temp dir, with `pg_stat_statements` preloaded so the report can
 * say which statements the time went to. Preloading needs a restart, so the cluster is
 * initialised by a first, persistent start and then started again for good.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@/db/embedded-postgres";
import { ensureDatabase, migrateDatabase } from "@/db/migrate";

export type BenchPostgres = {
  url: string;
  dataDir: string;
  /** The postmaster's pid, to account the server's CPU time. */
  postmasterPid: number;
  settings: { version: string; fsync: string; synchronousCommit: string; sharedBuffers: string; walLevel: string };
  stop: () => Promise<void>;
};

const DATABASE = "bench";

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-bench-"));
  // The server runs as the `postgres` user when we are root: it must be able to enter the dir.
  chmodSync(dataDir, 0o755);
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  // On Ctrl-C embedded-postgres's own exit hook stops the server and exits the process before
  // our async cleanup can finish; removing the dir on `exit` (synchronous) covers that path.
  process.once("exit", cleanup);
  try {
    const first = await startEmbeddedPostgres({ dataDir, persistent: true });
    await withSql(first.url(), (sql) => sql.unsafe("alter system set shared_preload_libraries = 'pg_stat_statements'"));
    await first.stop();

    const server = await startEmbeddedPostgres({ dataDir, persistent: false });
    const stop = async () => {
      await server.stop();
      cleanup();
    };
    try {
      await ensureDatabase(server.url(), DATABASE);
      const url = server.url(DATABASE);
      await migrateDatabase(url);
      const settings = await withSql(url, async (sql) => {
        await sql`create extension if not exists pg_stat_statements`;
        const [row] = await sql<{ version: string; fsync: string; sc: string; sb: string; wl: string }[]>`
          select current_setting('server_version') as version, current_setting('fsync') as fsync,
                 current_setting('synchronous_commit') as sc, current_setting('shared_buffers') as sb,
                 current_setting('wal_level') as wl`;
        return { version: row!.version, fsync: row!.fsync, synchronousCommit: row!.sc, sharedBuffers: row!.sb, walLevel: row!.wl };
      });
      const postmasterPid = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
      return { url, dataDir, postmasterPid, settings, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  } catch (error) {
    cleanup();
    throw error;
  }
}

async function withSql<T>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
