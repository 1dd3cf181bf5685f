/**
 * Where a phase's time went: the statements that took the server's time (pg_stat_statements,
 * COMMIT included: its time is mostly the WAL flush), and CPU use of this Node process (the API
 * side), of the engine's process, of the Postgres processes and of the whole machine over the
 * phase's wall time.
 */
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import type postgres from "postgres";
import { round } from "./stats";

export type StatementShare = { query: string; calls: number; totalMs: number; meanMs: number; sharePct: number };
export type CpuShare = {
  /** Percent of one core: this process, where the API calls run. */
  nodePct: number;
  /** Percent of one core: the engine's process (worker pool, timer loop), when one runs. */
  enginePct: number;
  /** Percent of one core, all Postgres processes together. */
  postgresPct: number;
  /** Percent of the whole machine busy (all cores), and waiting on I/O. */
  machineBusyPct: number;
  machineIowaitPct: number;
  /** Percent of one core used by other processes on the machine: noise in shared machines. */
  othersPct: number;
};
export type PhaseProfile = {
  cpu: CpuShare;
  /** Every statement the server ran in the phase (BEGIN and COMMIT included): round trips. */
  statements: { calls: number; totalMs: number };
  topStatements: StatementShare[];
};

const TICKS_PER_SECOND = 100;

export class PhaseProfiler {
  private enginePid: number | null = null;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly postmasterPid: number,
  ) {}

  /** Accounts the engine's process from now on. */
  trackEngine(pid: number): void {
    this.enginePid = pid;
  }

  /** Starts counting; call `finish` at the end of the phase. */
  async start(): Promise<() => Promise<PhaseProfile>> {
    await this.sql`select pg_stat_statements_reset()`;
    const wall0 = performance.now();
    const node0 = process.cpuUsage();
    const pg0 = this.postgresTicks();
    const engine0 = this.engineTicks();
    const machine0 = machineTicks();
    return async () => {
      const wallMs = performance.now() - wall0;
      const node = process.cpuUsage(node0);
      const pgTicks = this.postgresTicks() - pg0;
      const engineTicks = this.engineTicks() - engine0;
      const machine1 = machineTicks();
      const total = machine1.total - machine0.total;
      const nodePct = ((node.user + node.system) / 1000 / wallMs) * 100;
      const percentOfCore = (ticks: number) => ((ticks / TICKS_PER_SECOND) * 1000 * 100) / wallMs;
      const postgresPct = percentOfCore(pgTicks);
      const enginePct = percentOfCore(engineTicks);
      const busy = total > 0 ? (total - (machine1.idle - machine0.idle) - (machine1.iowait - machine0.iowait)) / total : 0;
      const cpu: CpuShare = {
        nodePct: round(nodePct),
        enginePct: round(enginePct),
        postgresPct: round(postgresPct),
        machineBusyPct: round(100 * busy),
        machineIowaitPct: total > 0 ? round((100 * (machine1.iowait - machine0.iowait)) / total) : 0,
        othersPct: Math.max(0, round(100 * busy * cpus().length - nodePct - enginePct - postgresPct)),
      };
      const [all] = await this.sql<{ calls: string | null; total: number | null }[]>`
        select sum(calls) as calls, sum(total_exec_time) as total from pg_stat_statements
        where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_statements%'`;
      return {
        cpu,
        statements: { calls: Number(all?.calls ?? 0), totalMs: round(all?.total ?? 0) },
        topStatements: await this.topStatements(),
      };
    };
  }

  private async topStatements(limit = 8): Promise<StatementShare[]> {
    const rows = await this.sql<{ query: string; calls: string; total: number; mean: number; share: number }[]>`
      select query, calls, total_exec_time as total, mean_exec_time as mean,
             100 * total_exec_time / nullif(sum(total_exec_time) over (), 0) as share
      from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
        and query not like '%pg_stat_statements%'
      order by total_exec_time desc
      limit ${limit}`;
    return rows.map((r) => ({
      query: r.query.replace(/\s+/g, " ").slice(0, 140),
      calls: Number(r.calls),
      totalMs: round(r.total),
      meanMs: round(r.mean, 3),
      sharePct: round(r.share ?? 0, 1),
    }));
  }

  private engineTicks(): number {
    if (this.enginePid === null) return 0;
    const stat = readStat(this.enginePid);
    return stat ? stat.utime + stat.stime : 0;
  }

  /**
   * CPU ticks of the postmaster and its live children, plus those of children it already
   * reaped (closed connections), which Linux adds to the postmaster's cutime/cstime.
   */
  private postgresTicks(): number {
    let ticks = 0;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (!stat) continue;
      if (stat.pid === this.postmasterPid) ticks += stat.utime + stat.stime + stat.cutime + stat.cstime;
      else if (stat.ppid === this.postmasterPid) ticks += stat.utime + stat.stime;
    }
    return ticks;
  }
}

function readStat(pid: number): { pid: number; ppid: number; utime: number; stime: number; cutime: number; cstime: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: split after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state) of proc(5).
    const field = (n: number) => Number(fields[n - 3]);
    return { pid, ppid: field(4), utime: field(14), stime: field(15), cutime: field(16), cstime: field(17) };
  } catch {
    return null; // the process ended while we looked
  }
}

function machineTicks(): { total: number; idle: number; iowait: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = values;
  return { total: user + nice + system + idle + iowait + irq + softirq + steal, idle, iowait };
}

export function machineDescription() {
  const list = cpus();
  return { cores: list.length, cpuModel: list[0]?.model ?? "unknown" };
}
