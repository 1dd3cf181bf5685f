/**
 * Loads what the interpreter reads for one run: the profile, its consents and engagement (only
 * when the journey's conditions use them), and the recipient's time zone.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { consents, messages, profiles } from "@/db/schema";
import { toProfileView, type ConsentFact, type EngagementFact, type ProfileView } from "@/server/journey/context";
import type { StepContext } from "@/server/journey/interpreter";
import { currentConsents } from "@/server/policy/consent";
import { resolveRecipientTimezone } from "@/server/policy/timezone";
import type { LoadedVersion } from "./version-cache";
import { loadSendPolicy } from "./workspace-policy";

/** How far back engagement conditions can look. */
const ENGAGEMENT_DAYS = 90;

export type ProfileRow = typeof profiles.$inferSelect;

export async function loadProfile(db: Executor, profileId: string): Promise<ProfileRow> {
  const [row] = await db.select().from(profiles).where(eq(profiles.id, profileId));
  if (!row) throw new Error(`profile ${profileId} does not exist`);
  return row;
}

export async function loadConsents(db: Executor, profileId: string): Promise<ConsentFact[]> {
  const rows = await db
    .select({ channel: consents.channel, purpose: consents.purpose, status: consents.status, source: consents.source, at: consents.at })
    .from(consents)
    .where(eq(consents.profileId, profileId))
    .orderBy(asc(consents.at), asc(consents.id));
  return currentConsents(rows);
}

const ENGAGEMENT_STATUSES = new Set(["delivered", "read", "opened", "clicked", "replied", "failed"]);

export async function loadEngagement(db: Executor, profileId: string, now: Date): Promise<EngagementFact[]> {
  const since = new Date(now.getTime() - ENGAGEMENT_DAYS * 86_400_000);
  const rows = await db
    .select({ nodeId: messages.nodeId, channel: messages.channel, history: messages.statusHistory })
    .from(messages)
    .where(and(eq(messages.profileId, profileId), gt(messages.createdAt, since)));
  return rows.flatMap((m) =>
    m.history
      .map((h) => ({ ...h, status: h.status === "undelivered" ? "failed" : h.status }))
      .filter((h) => ENGAGEMENT_STATUSES.has(h.status))
      .map((h) => ({
        ...(m.nodeId ? { nodeId: m.nodeId } : {}),
        channel: m.channel,
        status: h.status as EngagementFact["status"],
        at: h.at,
      })),
  );
}

export async function buildStepContext(
  db: Executor,
  run: { id: string; workspaceId: string; profileId: string },
  version: LoadedVersion,
  now: Date,
  profileRow?: ProfileRow,
): Promise<StepContext> {
  const profileData = profileRow ?? (await loadProfile(db, run.profileId));
  const profile: ProfileView = toProfileView(profileData);
  const [consentFacts, engagement, policy] = await Promise.all([
    version.needs.consents ? loadConsents(db, run.profileId) : Promise.resolve([]),
    version.needs.engagement ? loadEngagement(db, run.profileId, now) : Promise.resolve([]),
    loadSendPolicy(db, run.workspaceId),
  ]);
  const { zone } = resolveRecipientTimezone({
    profileTimezone: profileData.timezone,
    phone: profileData.phone,
    workspaceTimezone: policy.timezone,
  });
  return {
    runId: run.id,
    now,
    profile,
    consents: consentFacts,
    engagement,
    journey: { key: version.journey.key, name: version.journey.name, version: version.version },
    recipientTimezone: zone,
  };
}
