/**
 * Loads what the interpreter reads for runs: the profile, its consents and engagement (only
 * when the journey's conditions use them), and the recipient's time zone. Everything is read
 * for many runs at once, one statement per kind, so a batch of inputs costs what one does.
 */
import { and, asc, gt, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { consents, messages, profiles, runs } from "@/db/schema";
import { toProfileView, type ConsentFact, type EngagementFact } from "@/server/journey/context";
import type { MatchContext, StepContext } from "@/server/journey/interpreter";
import { currentConsents } from "@/server/policy/consent";
import { resolveRecipientTimezone } from "@/server/policy/timezone";
import type { LoadedVersion } from "./version-cache";
import { loadSendPolicy } from "./workspace-policy";
import { anyOf } from "./sql-sets";

/** How far back engagement conditions can look. */
const ENGAGEMENT_DAYS = 90;

export type ProfileRow = typeof profiles.$inferSelect;

const unique = <T>(values: readonly T[]) => [...new Set(values)];

export async function loadProfiles(db: Executor, profileIds: readonly string[]): Promise<Map<string, ProfileRow>> {
  const ids = unique(profileIds);
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(profiles).where(anyOf(profiles.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The profiles of these runs (read in the same round trip as the runs themselves). */
export async function loadProfilesOfRuns(db: Executor, runIds: readonly string[]): Promise<Map<string, ProfileRow>> {
  if (runIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(profiles)
    .where(inArray(profiles.id, db.select({ id: runs.profileId }).from(runs).where(anyOf(runs.id, unique(runIds)))));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Current consents per profile (profiles without any map to an empty list). */
export async function loadConsentsFor(db: Executor, profileIds: readonly string[]): Promise<Map<string, ConsentFact[]>> {
  const ids = unique(profileIds);
  const byProfile = new Map<string, ConsentFact[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byProfile;
  const rows = await db
    .select({ profileId: consents.profileId, channel: consents.channel, purpose: consents.purpose, status: consents.status, source: consents.source, at: consents.at })
    .from(consents)
    .where(anyOf(consents.profileId, ids))
    .orderBy(asc(consents.at), asc(consents.id));
  const history = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) history.set(row.profileId, [...(history.get(row.profileId) ?? []), row]);
  for (const [id, facts] of history) byProfile.set(id, currentConsents(facts));
  return byProfile;
}

export async function loadConsents(db: Executor, profileId: string): Promise<ConsentFact[]> {
  return (await loadConsentsFor(db, [profileId])).get(profileId) ?? [];
}

const ENGAGEMENT_STATUSES = new Set(["delivered", "read", "opened", "clicked", "replied", "failed"]);

export async function loadEngagementFor(db: Executor, profileIds: readonly string[], now: Date): Promise<Map<string, EngagementFact[]>> {
  const ids = unique(profileIds);
  const byProfile = new Map<string, EngagementFact[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byProfile;
  const since = new Date(now.getTime() - ENGAGEMENT_DAYS * 86_400_000);
  const rows = await db
    .select({ profileId: messages.profileId, nodeId: messages.nodeId, channel: messages.channel, history: messages.statusHistory })
    .from(messages)
    .where(and(anyOf(messages.profileId, ids), gt(messages.createdAt, since)));
  for (const m of rows) {
    const facts = m.history
      .map((h) => ({ ...h, status: h.status === "undelivered" ? "failed" : h.status }))
      .filter((h) => ENGAGEMENT_STATUSES.has(h.status))
      .map((h) => ({
        ...(m.nodeId ? { nodeId: m.nodeId } : {}),
        channel: m.channel,
        status: h.status as EngagementFact["status"],
        at: h.at,
      }));
    byProfile.get(m.profileId)!.push(...facts);
  }
  return byProfile;
}

/** A run (or a run about to start) and what its context is built from. */
export type ContextRequest = {
  run: { id: string; workspaceId: string; profileId: string };
  version: LoadedVersion;
  /** The profile when the caller already has it. */
  profile?: ProfileRow;
};

/** The interpreter's context for each request, in order. */
export async function buildStepContexts(db: Executor, requests: readonly ContextRequest[], now: Date): Promise<StepContext[]> {
  const known = new Map(requests.flatMap((r) => (r.profile ? [[r.profile.id, r.profile] as const] : [])));
  const [loaded, consentFacts, engagement, policies] = await Promise.all([
    loadProfiles(
      db,
      requests.filter((r) => !known.has(r.run.profileId)).map((r) => r.run.profileId),
    ),
    loadConsentsFor(db, requests.filter((r) => r.version.needs.consents).map((r) => r.run.profileId)),
    loadEngagementFor(db, requests.filter((r) => r.version.needs.engagement).map((r) => r.run.profileId), now),
    Promise.all(unique(requests.map((r) => r.run.workspaceId)).map(async (id) => [id, await loadSendPolicy(db, id)] as const)).then(
      (entries) => new Map(entries),
    ),
  ]);
  return requests.map(({ run, version }) => {
    const profileData = known.get(run.profileId) ?? loaded.get(run.profileId);
    if (!profileData) throw new Error(`profile ${run.profileId} does not exist`);
    const { zone } = resolveRecipientTimezone({
      profileTimezone: profileData.timezone,
      phone: profileData.phone,
      workspaceTimezone: policies.get(run.workspaceId)!.timezone,
    });
    return {
      runId: run.id,
      now,
      profile: toProfileView(profileData),
      consents: version.needs.consents ? (consentFacts.get(run.profileId) ?? []) : [],
      engagement: version.needs.engagement ? (engagement.get(run.profileId) ?? []) : [],
      journey: { key: version.journey.key, name: version.journey.name, version: version.version },
      recipientTimezone: zone,
    };
  });
}

/** What trigger conditions see for profiles that are not in a run yet, one per request. */
export async function buildMatchContexts(
  db: Executor,
  requests: readonly { version: LoadedVersion; profile: ProfileRow }[],
  now: Date,
): Promise<MatchContext[]> {
  const [consentFacts, engagement] = await Promise.all([
    loadConsentsFor(db, requests.filter((r) => r.version.needs.consents).map((r) => r.profile.id)),
    loadEngagementFor(db, requests.filter((r) => r.version.needs.engagement).map((r) => r.profile.id), now),
  ]);
  return requests.map(({ version, profile }) => ({
    profile: toProfileView(profile),
    journey: { key: version.journey.key, name: version.journey.name, version: version.version },
    consents: version.needs.consents ? (consentFacts.get(profile.id) ?? []) : [],
    engagement: version.needs.engagement ? (engagement.get(profile.id) ?? []) : [],
    now,
  }));
}
