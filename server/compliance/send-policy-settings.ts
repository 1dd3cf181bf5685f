/**
 * Reading and saving a workspace's send policy from the admin screen. The stored jsonb is
 * always a full, parsed policy, so the engine and the form read the same values.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { workspaces } from "@/db/schema";
import { forgetSendPolicy } from "@/server/engine/workspace-policy";
import { AppError } from "@/server/errors";
import { parseSendPolicy, type SendPolicy } from "@/server/policy/send-policy";
import { normalizeTimeZone } from "@/server/policy/timezone";

export async function getSendPolicySettings(db: Executor, workspaceId: string): Promise<SendPolicy> {
  const [row] = await db.select({ sendPolicy: workspaces.sendPolicy }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw new AppError("NOT_FOUND", "This workspace no longer exists.");
  return parseSendPolicy(row.sendPolicy);
}

/** `policy` is already parsed with SendPolicySchema (the router's input). */
export async function saveSendPolicy(db: Executor, workspaceId: string, policy: SendPolicy): Promise<SendPolicy> {
  // Store the canonical zone name ("europe/paris" → "Europe/Paris", "Asia/Calcutta" → "Asia/Kolkata").
  const saved = parseSendPolicy({ ...policy, timezone: normalizeTimeZone(policy.timezone) ?? policy.timezone });
  const [row] = await db
    .update(workspaces)
    .set({ sendPolicy: saved })
    .where(eq(workspaces.id, workspaceId))
    .returning({ id: workspaces.id });
  if (!row) throw new AppError("NOT_FOUND", "This workspace no longer exists.");
  forgetSendPolicy(workspaceId);
  return saved;
}
