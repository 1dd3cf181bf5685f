/**
 * Send decisions over many messages at once: what they read (profiles, consents, recent sends,
 * the workspaces' policies and SMS senders), loaded in one round trip under per-profile locks,
 * then each message decided in memory (server/policy/decide-send.ts).
 */
import { and, gt, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { messages } from "@/db/schema";
import { toProfileView, type ConsentFact } from "@/server/journey/context";
import { decideSend, type SendDecision } from "@/server/policy/decide-send";
import type { RecentSend } from "@/server/policy/frequency-caps";
import type { SenderId } from "@/server/policy/sender-id";
import type { SendPolicy } from "@/server/policy/send-policy";
import type { MessageRow } from "./message-status";
import { loadConsentsFor, loadProfiles, type ProfileRow } from "./run-context";
import { anyOf } from "./sql-sets";
import { loadSendPolicy } from "./workspace-policy";
import { loadSenders } from "./workspace-senders";

/** Statuses that were handed to a provider, i.e. that count against caps. */
const DISPATCHED = ["sending", "sent", "delivered", "read", "opened", "clicked", "replied", "answered", "undelivered"];

export type DecisionContext = {
  profiles: Map<string, ProfileRow>;
  consents: Map<string, ConsentFact[]>;
  /** Sends that count against caps, per profile; `decide` adds each send it allows. */
  recent: Map<string, RecentSend[]>;
  policies: Map<string, SendPolicy>;
  senders: Map<string, SenderId[]>;
};

/** What a decision reads of a message. */
export type MessageToDecide = Pick<
  MessageRow,
  "profileId" | "workspaceId" | "channel" | "purpose" | "urgent" | "quietHours" | "from" | "fallbackOf" | "idempotencyKey"
>;

/**
 * Takes the profiles' decision locks, then reads what deciding their messages needs, all in one
 * round trip. Senders are read only for the workspaces in `smsWorkspaceIds`; `profiles` may
 * come already read (a profile's own row is not what the lock protects).
 */
export async function loadDecisionContext(
  tx: Tx,
  profileIds: readonly string[],
  workspaceIds: readonly string[],
  smsWorkspaceIds: ReadonlySet<string>,
  now: Date,
  readProfiles?: ReadonlyMap<string, ProfileRow>,
): Promise<DecisionContext> {
  const workspaces = [...new Set(workspaceIds)];
  // Sent in this order on the transaction's connection, so the reads below run once the lock is held.
  const [, profiles, consents, recent, policies, senders] = await Promise.all([
    lockProfilesForDecisions(tx, profileIds),
    readProfiles ? new Map(readProfiles) : loadProfiles(tx, profileIds),
    loadConsentsFor(tx, profileIds),
    loadRecentSends(tx, profileIds, policyWindowStart(now)),
    Promise.all(workspaces.map(async (id) => [id, await loadSendPolicy(tx, id)] as const)).then((e) => new Map(e)),
    Promise.all(workspaces.map(async (id) => [id, smsWorkspaceIds.has(id) ? await loadSenders(tx, id) : []] as const)).then((e) => new Map(e)),
  ]);
  return { profiles, consents, recent, policies, senders };
}

/** Decides one message; an allowed send counts against the caps of the messages decided after it. */
export function decide(message: MessageToDecide, context: DecisionContext, now: Date): SendDecision {
  const recent = context.recent.get(message.profileId) ?? [];
  const decision = decideSend({
    now,
    channel: message.channel,
    purpose: message.purpose,
    urgent: message.urgent,
    journeyQuietHours: message.quietHours,
    requestedSenderId: message.from,
    ...(message.fallbackOf ? { isFallbackOf: message.fallbackOf } : {}),
    profile: toProfileView(context.profiles.get(message.profileId)!),
    consents: context.consents.get(message.profileId) ?? [],
    senders: context.senders.get(message.workspaceId) ?? [],
    recentSends: recent,
    policy: context.policies.get(message.workspaceId)!,
  });
  if (decision.action === "allow") {
    context.recent.set(message.profileId, [
      ...recent,
      { channel: message.channel, purpose: message.purpose, at: now, key: message.idempotencyKey, ...(message.fallbackOf ? { fallbackOf: message.fallbackOf } : {}) },
    ]);
  }
  return decision;
}

/** Keeps the advisory locks of send decisions apart from any other use of advisory locks. */
const DECISION_LOCK_SPACE = 0x5e4d;

/**
 * Transactions deciding for the same profile take turns, until commit: otherwise each would
 * count only the other's committed sends against the profile's frequency caps, and both could
 * pass. Taken in one statement in key order, so two transactions cannot wait on each other.
 */
async function lockProfilesForDecisions(tx: Tx, profileIds: readonly string[]) {
  if (profileIds.length === 0) return;
  await tx.execute(sql`
    select pg_advisory_xact_lock(${DECISION_LOCK_SPACE}, k)
    from (select distinct hashtext(id::text) as k from unnest(${sql.param([...profileIds])}::uuid[]) as p(id) order by k) as keys`);
}

/** Caps look back at most a week by default; a generous bound keeps the query small. */
function policyWindowStart(now: Date): Date {
  return new Date(now.getTime() - 31 * 86_400_000);
}

async function loadRecentSends(tx: Tx, profileIds: readonly string[], since: Date): Promise<Map<string, RecentSend[]>> {
  const byProfile = new Map<string, RecentSend[]>();
  if (profileIds.length === 0) return byProfile;
  const rows = await tx
    .select({
      profileId: messages.profileId,
      channel: messages.channel,
      purpose: messages.purpose,
      at: messages.updatedAt,
      key: messages.idempotencyKey,
      fallbackOf: messages.fallbackOf,
    })
    .from(messages)
    .where(and(anyOf(messages.profileId, profileIds), inArray(messages.status, DISPATCHED), gt(messages.createdAt, since)));
  for (const r of rows) {
    const send: RecentSend = { channel: r.channel, purpose: r.purpose, at: r.at, key: r.key, ...(r.fallbackOf ? { fallbackOf: r.fallbackOf } : {}) };
    byProfile.set(r.profileId, [...(byProfile.get(r.profileId) ?? []), send]);
  }
  return byProfile;
}
