import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { journeys, runs, users } from "@/db/schema";

/** Runs still in flight: being stepped, or parked on a timer, event or receipt. */
const IN_FLIGHT_STATUSES = ["active", "waiting"] as const;

export type JourneyListRow = Awaited<ReturnType<typeof listJourneys>>[number];

/**
 * The workspace's journeys, most recently edited first, each with who edited it last (null when
 * nobody has, e.g. seeded journeys, or the user was removed) and its count of runs in flight.
 */
export async function listJourneys(db: Db, workspaceId: string) {
  const inFlight = db
    .select({ journeyId: runs.journeyId, count: sql<number>`count(*)`.mapWith(Number).as("active_runs") })
    .from(runs)
    .where(and(eq(runs.workspaceId, workspaceId), inArray(runs.status, [...IN_FLIGHT_STATUSES])))
    .groupBy(runs.journeyId)
    .as("in_flight");
  return db
    .select({
      id: journeys.id,
      key: journeys.key,
      name: journeys.name,
      status: journeys.status,
      purpose: journeys.purpose,
      liveVersion: journeys.liveVersion,
      updatedAt: journeys.updatedAt,
      lastEditedBy: users.name,
      activeRuns: sql<number>`coalesce(${inFlight.count}, 0)`.mapWith(Number),
    })
    .from(journeys)
    .leftJoin(inFlight, eq(inFlight.journeyId, journeys.id))
    .leftJoin(users, eq(users.id, journeys.updatedBy))
    .where(eq(journeys.workspaceId, workspaceId))
    .orderBy(desc(journeys.updatedAt), journeys.name);
}
