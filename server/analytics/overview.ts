/**
 * The workspace's headline figures, counted straight from messages and runs: nothing sampled,
 * estimated or cached, so an empty workspace shows nothing rather than made-up numbers.
 */
import { and, count, eq, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { messages, runs } from "@/db/schema";
import { MESSAGE_STATUSES, type MessageStatus } from "@/server/journey/run-state";

/** Where a message stands, as one exclusive bucket per message so a row's buckets sum to its total. */
export const MESSAGE_BUCKETS = ["inProgress", "sent", "delivered", "failed", "suppressed", "other"] as const;
export type MessageBucket = (typeof MESSAGE_BUCKETS)[number];

const BUCKET_OF_STATUS: Record<MessageStatus, MessageBucket> = {
  pending: "inProgress",
  deferred: "inProgress",
  // Handed to the provider, no receipt yet.
  sent: "sent",
  suppressed: "suppressed",
  // Every engagement implies the message arrived.
  delivered: "delivered",
  read: "delivered",
  opened: "delivered",
  clicked: "delivered",
  replied: "delivered",
  answered: "delivered",
  failed: "failed",
  undelivered: "failed",
};

/** The engine writes `sending` while a dispatch is under way; it never reaches a run's state. */
const TRANSIENT_STATUSES: Record<string, MessageBucket> = { sending: "inProgress" };

export function bucketOfStatus(status: string): MessageBucket {
  if ((MESSAGE_STATUSES as readonly string[]).includes(status)) return BUCKET_OF_STATUS[status as MessageStatus];
  return TRANSIENT_STATUSES[status] ?? "other";
}

const DELIVERED_STATUSES = MESSAGE_STATUSES.filter((s) => BUCKET_OF_STATUS[s] === "delivered");

export type BucketCounts = Record<MessageBucket, number> & { total: number };
export type ChannelCounts<C extends string = string> = BucketCounts & { channel: C };

function emptyCounts(): BucketCounts {
  return { total: 0, inProgress: 0, sent: 0, delivered: 0, failed: 0, suppressed: 0, other: 0 };
}

/** Folds (channel, status, count) rows into per-channel buckets (in first-seen order) and totals. */
export function bucketMessageCounts<C extends string>(rows: readonly { channel: C; status: string; count: number }[]): {
  byChannel: ChannelCounts<C>[];
  totals: BucketCounts;
} {
  const byChannel = new Map<C, ChannelCounts<C>>();
  const totals = emptyCounts();
  for (const row of rows) {
    const channel = byChannel.get(row.channel) ?? { channel: row.channel, ...emptyCounts() };
    byChannel.set(row.channel, channel);
    const bucket = bucketOfStatus(row.status);
    for (const counts of [channel, totals]) {
      counts[bucket] += row.count;
      counts.total += row.count;
    }
  }
  return { byChannel: [...byChannel.values()], totals };
}

export type AnalyticsOverview = Awaited<ReturnType<typeof analyticsOverview>>;

export async function analyticsOverview(db: Db, workspaceId: string) {
  const primary = alias(messages, "primary_message");
  const [statusRows, [runCounts], [fallbackCounts]] = await Promise.all([
    db
      .select({ channel: messages.channel, status: messages.status, count: count() })
      .from(messages)
      .where(eq(messages.workspaceId, workspaceId))
      .groupBy(messages.channel, messages.status)
      .orderBy(messages.channel, messages.status),
    db
      .select({
        started: count(),
        converted: count(runs.convertedAt),
        inFlight: sql<number>`count(*) filter (where ${runs.status} in ('active', 'waiting'))`.mapWith(Number),
      })
      .from(runs)
      .where(eq(runs.workspaceId, workspaceId)),
    db
      .select({
        total: count(),
        // Delivered, while the message it stood in for was not: the fallback alone reached them.
        reachedOnlyByFallback: sql<number>`count(*) filter (where ${inArray(messages.status, DELIVERED_STATUSES)} and (${primary.id} is null or ${notInArray(primary.status, DELIVERED_STATUSES)}))`.mapWith(Number),
      })
      .from(messages)
      .leftJoin(primary, and(eq(primary.id, messages.fallbackOf), eq(primary.workspaceId, workspaceId)))
      .where(and(eq(messages.workspaceId, workspaceId), isNotNull(messages.fallbackOf))),
  ]);
  const { byChannel, totals } = bucketMessageCounts(statusRows);
  return {
    messages: { byChannel, totals },
    runs: { started: runCounts?.started ?? 0, converted: runCounts?.converted ?? 0, inFlight: runCounts?.inFlight ?? 0 },
    fallbacks: { total: fallbackCounts?.total ?? 0, reachedOnlyByFallback: fallbackCounts?.reachedOnlyByFallback ?? 0 },
  };
}
