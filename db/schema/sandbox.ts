/**
 * The sandbox provider's own records: what it was asked to send (deduplicated on the
 * idempotency key, as a real provider that supports keys does) and what tests scripted it to
 * report next for an address.
 */
import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channelEnum, workspaces } from "./core";

export const sandboxMessages = pgTable(
  "sandbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    idempotencyKey: text("idempotency_key").notNull(),
    channel: channelEnum("channel").notNull(),
    to: text("to").notNull(),
    from: text("from"),
    content: jsonb("content").notNull(),
    /** How many times a sender asked: more than 1 means a retry the key deduplicated. */
    calls: integer("calls").notNull().default(1),
    /** Receipts still to report, oldest first (receipt-plan.ts); each leaves once it is due. */
    pendingReceipts: jsonb("pending_receipts").$type<PendingReceipt[]>().notNull().default([]),
    /** When the first pending receipt is due; null when none is left. */
    nextReceiptAt: timestamp("next_receipt_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sandbox_messages_key_idx").on(t.idempotencyKey),
    index("sandbox_messages_receipts_due_idx").on(t.nextReceiptAt).where(sql`${t.nextReceiptAt} is not null`),
  ],
);

export type PendingReceipt = { status: string; at: string; eventId: string };

export const sandboxScripts = pgTable(
  "sandbox_scripts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channel: channelEnum("channel").notNull(),
    to: text("to").notNull(),
    outcome: text("outcome", {
      enum: ["delivered", "read", "opened", "clicked", "replied", "answered", "failed", "undelivered", "no_receipt"],
    }).notNull(),
    afterMs: integer("after_ms").notNull().default(1000),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
  },
  (t) => [index("sandbox_scripts_address_idx").on(t.workspaceId, t.channel, t.to, t.id)],
);
