/**
 * The floor under everything durable: one single-row INSERT per transaction (autocommit, so
 * every statement waits for its WAL flush). With several clients Postgres flushes their
 * commits together (group commit), which is why concurrency raises the figure.
 */
import postgres from "postgres";
import { closedLoop } from "../load";
import { perSecond } from "../stats";

export async function measureDurableCommits(url: string, options: { clients: number; seconds: number }) {
  const sql = postgres(url, { max: options.clients, onnotice: () => {} });
  try {
    await sql`create table if not exists bench_commits (id bigserial primary key, at timestamptz not null default now(), note text not null)`;
    const result = await closedLoop({
      clients: options.clients,
      seconds: options.seconds,
      maxCalls: Number.MAX_SAFE_INTEGER,
      call: async () => {
        await sql`insert into bench_commits (note) values ('commit')`;
      },
    });
    return { commitsPerSec: perSecond(result.completed, result.wallMs), commits: result.completed, clients: options.clients };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
