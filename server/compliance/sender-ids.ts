/**
 * The workspace's SMS sender IDs, as admins manage them. Registration happens at the carrier
 * or provider, so a new sender starts `pending` and an admin marks it approved (or rejected)
 * once the registration comes back; only approved senders are used (see chooseSenderId).
 * Another workspace's sender is "not found", never "forbidden".
 */
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { senderIds } from "@/db/schema";
import { AppError } from "@/server/errors";
import type { Purpose } from "@/server/journey/schema";
import type { SenderIdKind } from "@/server/policy/sender-id";
import type { ValidSenderId } from "./sender-id-input";
import type { SenderIdStatus } from "./sender-id-status";

export type SenderIdView = {
  id: string;
  value: string;
  kind: SenderIdKind;
  countries: "*" | string[];
  /** Null: usable for every purpose. */
  purposes: Purpose[] | null;
  status: SenderIdStatus;
  createdAt: string;
};

type SenderIdRow = typeof senderIds.$inferSelect;

function present(row: SenderIdRow): SenderIdView {
  return {
    id: row.id,
    value: row.value,
    kind: row.kind,
    countries: row.countries.includes("*") ? "*" : row.countries,
    purposes: row.purposes ? (row.purposes as Purpose[]) : null,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listSenderIds(db: Executor, workspaceId: string): Promise<SenderIdView[]> {
  const rows = await db
    .select()
    .from(senderIds)
    .where(eq(senderIds.workspaceId, workspaceId))
    .orderBy(asc(senderIds.createdAt), asc(senderIds.id));
  return rows.map(present);
}

export async function addSenderId(db: Executor, workspaceId: string, input: ValidSenderId): Promise<SenderIdView> {
  const [existing] = await db
    .select({ id: senderIds.id })
    .from(senderIds)
    .where(and(eq(senderIds.workspaceId, workspaceId), eq(senderIds.value, input.value), eq(senderIds.kind, input.kind)));
  if (existing) throw new AppError("CONFLICT", `${input.value} is already in this workspace's sender IDs.`);
  const [row] = await db
    .insert(senderIds)
    .values({
      workspaceId,
      value: input.value,
      kind: input.kind,
      // The column stores ["*"] for every country (see db/schema).
      countries: input.countries === "*" ? ["*"] : input.countries,
      purposes: input.purposes ?? null,
      status: "pending",
    })
    .returning();
  return present(row!);
}

export async function setSenderIdStatus(
  db: Executor,
  workspaceId: string,
  id: string,
  status: SenderIdStatus,
): Promise<SenderIdView> {
  const [row] = await db
    .update(senderIds)
    .set({ status })
    .where(and(eq(senderIds.workspaceId, workspaceId), eq(senderIds.id, id)))
    .returning();
  if (!row) throw notFound(id);
  return present(row);
}

export async function deleteSenderId(db: Executor, workspaceId: string, id: string): Promise<{ id: string }> {
  const [row] = await db
    .delete(senderIds)
    .where(and(eq(senderIds.workspaceId, workspaceId), eq(senderIds.id, id)))
    .returning({ id: senderIds.id });
  if (!row) throw notFound(id);
  return row;
}

function notFound(id: string): AppError {
  return new AppError("NOT_FOUND", `No sender ID ${id} in this workspace.`);
}
