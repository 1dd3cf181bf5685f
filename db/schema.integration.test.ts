/**
 * The engine's busiest tables carry their workspace without a key to the workspace row; the
 * (profile, workspace) key still says each row belongs to its profile's workspace.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, profiles, runs } from "./schema";
import { makeContact, makeSendingWorkspace, publishDocument, smsJourney } from "./test/engine-harness";
import { makeProfile, makeWorkspace } from "./test/fixtures";
import { createTestDatabase, type TestDatabase } from "./test/test-database";
import { ingestEvent } from "@/server/engine/ingest-event";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("rows of events, runs and messages", () => {
  it("cannot name a profile of another workspace", async () => {
    const mine = await makeWorkspace(t.db);
    const theirs = await makeWorkspace(t.db);
    const stranger = await makeProfile(t.db, theirs.id);
    await expect(t.db.insert(events).values({ workspaceId: mine.id, profileId: stranger.id, name: "x" })).rejects.toMatchObject({
      cause: { constraint_name: "events_profile_workspace_fk" },
    });
    expect(await t.db.select().from(events).where(eq(events.profileId, stranger.id))).toEqual([]);
  });

  it("go with their profile when it is deleted", async () => {
    const ws = await makeSendingWorkspace(t.db);
    await publishDocument(t.db, ws.id, smsJourney("cascade"));
    const contact = await makeContact(t.db, ws.id);
    const { enrolled } = await ingestEvent(t.db, ws.id, { profileId: contact.externalId, name: "cascade" });
    expect(enrolled).toHaveLength(1);

    await t.db.delete(profiles).where(eq(profiles.id, contact.id));
    expect(await t.db.select().from(runs).where(eq(runs.id, enrolled[0]!))).toEqual([]);
    expect(await t.db.select().from(events).where(eq(events.profileId, contact.id))).toEqual([]);
  });
});
