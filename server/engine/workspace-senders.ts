/**
 * A workspace's SMS sender IDs, cached for a few seconds like the send policy: read on every
 * SMS (and by the simulator), changed rarely by an admin.
 */
import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { senderIds } from "@/db/schema";
import { SenderIdSchema, type SenderId } from "@/server/policy/sender-id";

const TTL_MS = 5_000;
const cache = new Map<string, { senders: SenderId[]; at: number }>();

export async function loadSenders(db: Executor, workspaceId: string): Promise<SenderId[]> {
  const hit = cache.get(workspaceId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.senders;
  const senders = await readSenders(db, workspaceId);
  cache.set(workspaceId, { senders, at: Date.now() });
  return senders;
}

async function readSenders(db: Executor, workspaceId: string): Promise<SenderId[]> {
  // Oldest first: chooseSenderId breaks ties by list order.
  const rows = await db.select().from(senderIds).where(eq(senderIds.workspaceId, workspaceId)).orderBy(asc(senderIds.createdAt));
  return rows.map((r) =>
    SenderIdSchema.parse({
      id: r.id,
      value: r.value,
      kind: r.kind,
      countries: r.countries.includes("*") ? "*" : r.countries,
      status: r.status,
      ...(r.purposes ? { purposes: r.purposes } : {}),
    }),
  );
}
