/**
 * Workspace API keys: shown once at creation, stored as a sha256 hash (a key is 32 random
 * bytes, so a slow password hash would add nothing but latency on every API call).
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, workspaces } from "@/db/schema";
import { AppError } from "@/server/errors";

const KEY_PREFIX = "sb_live_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export async function createApiKey(db: Db, workspaceId: string, input: { name: string }, createdBy: string | null) {
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(apiKeys)
    .values({ workspaceId, name: input.name, prefix: key.slice(0, KEY_PREFIX.length + 6), hash: hashApiKey(key), createdBy })
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
  return { ...row!, key };
}

export async function listApiKeys(db: Db, workspaceId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Db, workspaceId: string, id: string) {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (rows.length === 0) throw new AppError("NOT_FOUND", "No such active key in this workspace.");
}

/** The workspace a presented key belongs to, or null for an unknown or revoked key. */
export async function authenticateApiKey(db: Db, key: string): Promise<{ keyId: string; workspaceId: string } | null> {
  const [row] = await db
    .select({ keyId: apiKeys.id, workspaceId: apiKeys.workspaceId })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(and(eq(apiKeys.hash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  return row ?? null;
}

/** How stale `lastUsedAt` may get: a write per request would cost more than the column is worth. */
const LAST_USED_PRECISION_MS = 60_000;

/** Records that a key was used (at most one write per key per minute). */
export async function markApiKeyUsed(db: Db, keyId: string, now = new Date()) {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, keyId),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_PRECISION_MS))),
      ),
    );
}

/** Lets the demo workspace accept BOOTSTRAP_API_KEY (local runs and tests). Idempotent. */
export async function installBootstrapKey(db: Db, workspaceId: string, key: string) {
  await db
    .insert(apiKeys)
    .values({ workspaceId, name: "Bootstrap key (BOOTSTRAP_API_KEY)", prefix: key.slice(0, 8), hash: hashApiKey(key) })
    .onConflictDoNothing({ target: apiKeys.hash });
}
