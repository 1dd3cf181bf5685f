/**
 * Writes built as statements before they run, so the last writes of a transaction can go out
 * with its COMMIT (`commitWith`) instead of a round trip ahead of it.
 */
import type { SQL } from "drizzle-orm";
import { commitWith, type Tx } from "@/db/client";

export type Write = { statement: SQL; answered?: (rows: Record<string, unknown>[]) => void };

/**
 * Runs the writes together, in order (one round trip). With `commit`, they are the
 * transaction's last statements and its COMMIT follows them at once.
 */
export async function runWrites(tx: Tx, writes: readonly (Write | null)[], options: { commit?: boolean } = {}): Promise<void> {
  const present = writes.filter((w): w is Write => w !== null);
  const statements = present.map((w) => w.statement);
  const answers = options.commit ? await commitWith(tx, statements) : await Promise.all(statements.map((s) => tx.execute(s)));
  present.forEach((w, i) => w.answered?.(answers[i]!));
}
