import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { callerFor, makeMember, makeProfile, makeWorkspace } from "@/db/test/fixtures";
import { memberships } from "@/db/schema";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function twoWorkspaces() {
  const a = await makeWorkspace(t.db, "Alpha");
  const b = await makeWorkspace(t.db, "Beta");
  await makeProfile(t.db, a.id, { externalId: "alpha-1", email: "one@alpha.test" });
  await makeProfile(t.db, b.id, { externalId: "beta-1", email: "one@beta.test" });
  return { a, b };
}

describe("workspace scoping through tRPC", () => {
  it("refuses unauthenticated calls with UNAUTHORIZED", async () => {
    const { caller } = callerFor(t.db, null);
    await expect(caller.profiles.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("shows a member only their own workspace's profiles, even when they ask for another", async () => {
    const { a, b } = await twoWorkspaces();
    const user = await makeMember(t.db, a.id, "marketer");
    const asked = callerFor(t.db, user, b.id).caller; // cookie names B, but the user is not a member
    const page = await asked.profiles.list({});
    expect(page.rows.map((r) => r.externalId)).toEqual(["alpha-1"]);
    expect(page.rows.every((r) => r.workspaceId === a.id)).toBe(true);
  });

  it("refuses switching into a workspace the user is not a member of", async () => {
    const { a, b } = await twoWorkspaces();
    const user = await makeMember(t.db, a.id, "admin");
    const { caller, ctx } = callerFor(t.db, user, a.id);
    await expect(caller.workspace.switch({ workspaceId: b.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(ctx.resHeaders?.get("set-cookie")).toBeNull();
  });

  it("lets a member of two workspaces switch, and scopes reads to the chosen one", async () => {
    const { a, b } = await twoWorkspaces();
    const user = await makeMember(t.db, a.id, "analyst");
    await t.db.insert(memberships).values({ userId: user.id, workspaceId: b.id, role: "marketer" });
    const { caller, ctx } = callerFor(t.db, user, a.id);
    const switched = await caller.workspace.switch({ workspaceId: b.id });
    expect(switched.role).toBe("marketer");
    expect(ctx.resHeaders?.get("set-cookie")).toContain(b.id);
    const inB = await callerFor(t.db, user, b.id).caller.profiles.list({});
    expect(inB.rows.map((r) => r.externalId)).toEqual(["beta-1"]);
    const current = await callerFor(t.db, user, b.id).caller.workspace.current();
    expect(current.workspaces.map((w) => w.workspaceName).sort()).toEqual(["Alpha", "Beta"]);
  });

  it("enforces the role table: analysts and marketers cannot manage members or keys", async () => {
    const { a } = await twoWorkspaces();
    for (const role of ["analyst", "marketer"] as const) {
      const user = await makeMember(t.db, a.id, role);
      const { caller } = callerFor(t.db, user, a.id);
      await expect(caller.members.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.apiKeys.create({ name: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const admin = await makeMember(t.db, a.id, "admin");
    const members = await callerFor(t.db, admin, a.id).caller.members.list();
    expect(members.length).toBe(3);
  });

  it("returns zod issues for bad input", async () => {
    const { a } = await twoWorkspaces();
    const admin = await makeMember(t.db, a.id, "admin");
    const { caller } = callerFor(t.db, admin, a.id);
    await expect(caller.members.invite({ email: "not-an-email", name: "X", role: "analyst" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
