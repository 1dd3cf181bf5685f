import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** A worker pool counts as up while its heartbeat is this fresh. */
export const WORKER_HEARTBEAT_FRESH_SECONDS = 30;

export type Health = { ok: boolean; db: "up" | "down"; worker: "up" | "down" };

export async function checkHealth(db: Db): Promise<Health> {
  try {
    const rows = await db.execute<{ workers: number }>(
      sql`select count(*)::int as workers from worker_heartbeats where last_seen_at > now() - make_interval(secs => ${WORKER_HEARTBEAT_FRESH_SECONDS})`,
    );
    const worker = (rows[0]?.workers ?? 0) > 0 ? "up" : "down";
    return { ok: worker === "up", db: "up", worker };
  } catch {
    return { ok: false, db: "down", worker: "down" };
  }
}
