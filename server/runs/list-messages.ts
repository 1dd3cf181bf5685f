/**
 * `GET /messages`: a workspace's messages, newest first, filtered by profile (external id),
 * journey (key) and run. A profile or journey that does not exist is a 404 rather than an empty
 * list, so a typo is not mistaken for "nothing was sent".
 */
import { and, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { messages } from "@/db/schema";
import { ChannelSchema, PurposeSchema } from "@/server/journey/schema";
import { getJourneyRowByKey } from "@/server/journeys/drafts";
import { ExternalIdSchema, requireProfile } from "@/server/profiles/upsert-profile";
import { messageBody } from "./message-body";

export const MAX_MESSAGES = 500;

export const ListMessagesQuerySchema = z.strictObject({
  profileId: ExternalIdSchema.optional(),
  journey: z.string().trim().min(1).max(63).optional(),
  runId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_MESSAGES).default(50),
});
export type ListMessagesQuery = z.output<typeof ListMessagesQuerySchema>;

const StatusHistorySchema = z.array(z.object({ status: z.string(), at: z.iso.datetime({ offset: true }) }));

export const MessageViewSchema = z.object({
  id: z.string(),
  runId: z.string().nullable(),
  nodeId: z.string().nullable(),
  channel: ChannelSchema,
  purpose: PurposeSchema,
  /** The address it went (or would have gone) to; null when it never got one. */
  to: z.string().nullable(),
  /** The sender ID it left from, for SMS. */
  from: z.string().nullable(),
  /** What the recipient reads (see message-body.ts). */
  body: z.string(),
  /** pending, deferred, sending, sent, delivered, read, opened, clicked, replied, answered, failed, undelivered, suppressed, cancelled. */
  status: z.string(),
  /** Why it was deferred, suppressed, failed or cancelled. */
  reason: z.string().optional(),
  provider: z.string().nullable(),
  statusHistory: StatusHistorySchema,
});
export type MessageView = z.infer<typeof MessageViewSchema>;

export type MessageRow = typeof messages.$inferSelect;

export function presentMessage(row: MessageRow): MessageView {
  return {
    id: row.id,
    runId: row.runId,
    nodeId: row.nodeId,
    channel: row.channel,
    purpose: row.purpose,
    to: row.to,
    from: row.from,
    body: messageBody(row.channel, row.content),
    status: row.status,
    ...(row.reason ? { reason: row.reason } : {}),
    provider: row.provider,
    statusHistory: row.statusHistory.map((h) => ({ status: h.status, at: h.at })),
  };
}

export async function listMessages(db: Executor, workspaceId: string, query: ListMessagesQuery): Promise<MessageView[]> {
  const filters: SQL[] = [eq(messages.workspaceId, workspaceId)];
  if (query.profileId !== undefined) filters.push(eq(messages.profileId, (await requireProfile(db, workspaceId, query.profileId)).id));
  if (query.journey !== undefined) filters.push(eq(messages.journeyId, (await getJourneyRowByKey(db, workspaceId, query.journey)).id));
  if (query.runId !== undefined) filters.push(eq(messages.runId, query.runId));
  const rows = await db
    .select()
    .from(messages)
    .where(and(...filters))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(query.limit);
  return rows.map(presentMessage);
}
