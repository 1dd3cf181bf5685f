import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { callerFor, makeMember, makeUser, makeWorkspace } from "@/db/test/fixtures";
import { checkCredentials } from "@/server/auth/sign-in";
import { authenticateApiKey } from "./api-keys";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function adminCaller() {
  const ws = await makeWorkspace(t.db);
  const admin = await makeMember(t.db, ws.id, "admin");
  return { ws, admin, caller: callerFor(t.db, admin, ws.id).caller };
}

describe("members", () => {
  it("invites a new person with a one-time password that signs them in", async () => {
    const { caller } = await adminCaller();
    const invited = await caller.members.invite({ email: "New.Person@Example.test", name: "New Person", role: "marketer" });
    expect(invited.oneTimePassword).toMatch(/^[A-Za-z0-9]{16}$/);
    const signIn = await checkCredentials(t.db, { email: "new.person@example.test", password: invited.oneTimePassword!, ip: "1.1.1.1" });
    expect(signIn.ok).toBe(true);
    const list = await caller.members.list();
    expect(list.find((m) => m.email === "new.person@example.test")?.role).toBe("marketer");
  });

  it("adds an existing account without a new password, and refuses a second invite", async () => {
    const { caller } = await adminCaller();
    const existing = await makeUser(t.db);
    const invited = await caller.members.invite({ email: existing.email, name: "Whoever", role: "analyst" });
    expect(invited.oneTimePassword).toBeNull();
    await expect(caller.members.invite({ email: existing.email, name: "Again", role: "analyst" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("changes roles and removes members, but never the last admin", async () => {
    const { ws, admin, caller } = await adminCaller();
    const other = await makeMember(t.db, ws.id, "analyst");
    await caller.members.changeRole({ userId: other.id, role: "marketer" });
    expect((await caller.members.list()).find((m) => m.userId === other.id)?.role).toBe("marketer");
    await expect(caller.members.changeRole({ userId: admin.id, role: "analyst" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.members.remove({ userId: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await caller.members.remove({ userId: other.id });
    expect((await caller.members.list()).map((m) => m.userId)).toEqual([admin.id]);
    await expect(caller.members.remove({ userId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("API keys", () => {
  it("shows a key once, stores only its hash, and stops accepting it once revoked", async () => {
    const { ws, caller } = await adminCaller();
    const created = await caller.apiKeys.create({ name: "CRM sync" });
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(await authenticateApiKey(t.db, created.key)).toEqual({ keyId: created.id, workspaceId: ws.id });
    const listed = await caller.apiKeys.list();
    expect(JSON.stringify(listed)).not.toContain(created.key);
    await caller.apiKeys.revoke({ id: created.id });
    expect(await authenticateApiKey(t.db, created.key)).toBeNull();
    await expect(caller.apiKeys.revoke({ id: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("cannot revoke another workspace's key", async () => {
    const first = await adminCaller();
    const second = await adminCaller();
    const key = await first.caller.apiKeys.create({ name: "mine" });
    await expect(second.caller.apiKeys.revoke({ id: key.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await authenticateApiKey(t.db, key.key)).not.toBeNull();
  });
});
