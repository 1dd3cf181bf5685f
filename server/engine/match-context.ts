import type { Executor } from "@/db/client";
import { toProfileView } from "@/server/journey/context";
import type { MatchContext } from "@/server/journey/interpreter";
import { loadConsents, loadEngagement, type ProfileRow } from "./run-context";
import type { LoadedVersion } from "./version-cache";

/** What trigger conditions see for a profile that is not in a run yet. */
export async function buildMatchContext(db: Executor, version: LoadedVersion, profile: ProfileRow, now: Date): Promise<MatchContext> {
  const [consents, engagement] = await Promise.all([
    version.needs.consents ? loadConsents(db, profile.id) : Promise.resolve([]),
    version.needs.engagement ? loadEngagement(db, profile.id, now) : Promise.resolve([]),
  ]);
  return {
    profile: toProfileView(profile),
    journey: { key: version.journey.key, name: version.journey.name, version: version.version },
    consents,
    engagement,
    now,
  };
}
