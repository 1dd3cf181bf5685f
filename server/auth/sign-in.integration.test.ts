import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { makeUser } from "@/db/test/fixtures";
import { checkCredentials, SIGN_IN_LIMITS } from "./sign-in";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("checkCredentials", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await makeUser(t.db, { password: "right password" });
    const result = await checkCredentials(t.db, { email: user.email.toUpperCase(), password: "right password", ip: "client-a" });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name } });
  });

  it("answers a wrong password and an unknown email identically", async () => {
    const user = await makeUser(t.db, { password: "right password" });
    const wrong = await checkCredentials(t.db, { email: user.email, password: "nope", ip: "client-b" });
    const unknown = await checkCredentials(t.db, { email: "nobody@nowhere.test", password: "nope", ip: "client-b" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("locks an email after repeated failures, even for the right password, from any IP", async () => {
    const user = await makeUser(t.db, { password: "right password" });
    for (let i = 0; i < SIGN_IN_LIMITS.maxFailuresPerEmail; i++) {
      await checkCredentials(t.db, { email: user.email, password: `guess ${i}`, ip: `client-c${i}` });
    }
    const locked = await checkCredentials(t.db, { email: user.email, password: "right password", ip: "client-d" });
    expect(locked).toEqual({ ok: false, reason: "rate_limited" });
  });

  it("limits one IP trying many emails", async () => {
    const ip = "client-e";
    for (let i = 0; i < SIGN_IN_LIMITS.maxFailuresPerIp; i++) {
      await checkCredentials(t.db, { email: `spray${i}@x.test`, password: "guess", ip });
    }
    const user = await makeUser(t.db, { password: "right password" });
    expect(await checkCredentials(t.db, { email: user.email, password: "right password", ip })).toEqual({
      ok: false,
      reason: "rate_limited",
    });
    expect((await checkCredentials(t.db, { email: user.email, password: "right password", ip: "client-f" })).ok).toBe(true);
  });
});
