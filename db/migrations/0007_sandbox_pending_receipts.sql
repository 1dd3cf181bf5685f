ALTER TABLE "sandbox_messages" ADD COLUMN "pending_receipts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_messages" ADD COLUMN "next_receipt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sandbox_messages_receipts_due_idx" ON "sandbox_messages" USING btree ("next_receipt_at") WHERE "sandbox_messages"."next_receipt_at" is not null;