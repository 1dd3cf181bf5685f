/**
 * A workspace's send policy, cached for a few seconds: it is read on every send, and an
 * admin's change reaching the engine a moment later is fine.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { workspaces } from "@/db/schema";
import { parseSendPolicy, type SendPolicy } from "@/server/policy/send-policy";

const TTL_MS = 5_000;
const cache = new Map<string, { policy: SendPolicy; at: number }>();

export async function loadSendPolicy(db: Executor, workspaceId: string): Promise<SendPolicy> {
  const hit = cache.get(workspaceId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.policy;
  const [row] = await db.select({ sendPolicy: workspaces.sendPolicy }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const policy = parseSendPolicy(row?.sendPolicy ?? {});
  cache.set(workspaceId, { policy, at: Date.now() });
  return policy;
}

/** After an admin saves the policy in this process, use it at once. */
export function forgetSendPolicy(workspaceId: string): void {
  cache.delete(workspaceId);
}
