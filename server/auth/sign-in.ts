/**
 * Credential checks for the sign-in form. Failed attempts are limited per email and per IP
 * over a sliding window; every failure, whatever its cause, returns the same answer so the
 * form never reveals whether an email has an account.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts, users } from "@/db/schema";
import { DUMMY_HASH, verifyPassword } from "./passwords";

export const SIGN_IN_LIMITS = {
  windowMinutes: 15,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 20,
} as const;

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "rate_limited" };

export async function checkCredentials(db: Db, input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(Date.now() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const [counts] = await db
    .select({
      byEmail: sql<number>`count(*) filter (where ${signInAttempts.email} = ${email})`.mapWith(Number),
      byIp: sql<number>`count(*) filter (where ${signInAttempts.ip} = ${input.ip})`.mapWith(Number),
    })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ok, false), gt(signInAttempts.at, since)));
  if ((counts?.byEmail ?? 0) >= SIGN_IN_LIMITS.maxFailuresPerEmail || (counts?.byIp ?? 0) >= SIGN_IN_LIMITS.maxFailuresPerIp) {
    return { ok: false, reason: "rate_limited" };
  }

  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  const ok = Boolean(user) && valid;
  await db.insert(signInAttempts).values({ email, ip: input.ip, ok });
  if (!ok || !user) return { ok: false, reason: "invalid" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
