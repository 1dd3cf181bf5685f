/**
 * What every /api/v1 call goes through: the key, the rate limit, the body reader, validation
 * and the error shape.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { apiKeys, events, profiles } from "@/db/schema";
import { makeProfile, makeWorkspace } from "@/db/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { createApiKey, installBootstrapKey, revokeApiKey } from "@/server/workspaces/api-keys";
import { ApiErrorBodySchema, type ApiErrorBody } from "./api-error";
import { postEventRoute } from "./handlers/events";
import { getProfileRoute, putProfileRoute } from "./handlers/profiles";
import { createRateLimiter } from "./rate-limiter";
import { apiClient } from "./testing/call-api";

let t: TestDatabase;
let workspaceId: string;
let key: string;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = (await makeWorkspace(t.db)).id;
  key = (await createApiKey(t.db, workspaceId, { name: "test" }, null)).key;
  call = apiClient(t.db, { key });
});
afterAll(() => t.drop());

function expectError(answer: { status: number; body: unknown }, status: number, code: string) {
  expect(answer.status).toBe(status);
  const parsed = ApiErrorBodySchema.parse(answer.body);
  expect(parsed.error.code).toBe(code);
  return parsed.error;
}

describe("authentication", () => {
  it("refuses a request without a key", async () => {
    const answer = await call(getProfileRoute, { params: { externalId: "x" }, key: null });
    expectError(answer, 401, "UNAUTHORIZED");
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it.each([
    ["an unknown key", { authorization: "Bearer sb_live_not_a_key" }],
    ["another scheme", { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` }],
    ["an empty bearer", { authorization: "Bearer " }],
  ])("refuses %s", async (_name, headers) => {
    expectError(await call(getProfileRoute, { params: { externalId: "x" }, key: null, headers }), 401, "UNAUTHORIZED");
  });

  it("refuses a revoked key", async () => {
    const revoked = await createApiKey(t.db, workspaceId, { name: "to revoke" }, null);
    expect((await call(getProfileRoute, { params: { externalId: "nobody" }, key: revoked.key })).status).toBe(404);
    await revokeApiKey(t.db, workspaceId, revoked.id);
    expectError(await call(getProfileRoute, { params: { externalId: "nobody" }, key: revoked.key }), 401, "UNAUTHORIZED");
  });

  it("accepts the bootstrap key once installed, for its workspace only", async () => {
    const demo = await makeWorkspace(t.db);
    const bootstrap = "sb_bootstrap_for_tests_0123456789";
    const p = await makeProfile(t.db, demo.id);
    expectError(await call(getProfileRoute, { params: { externalId: p.externalId }, key: bootstrap }), 401, "UNAUTHORIZED");
    await installBootstrapKey(t.db, demo.id, bootstrap);
    await installBootstrapKey(t.db, demo.id, bootstrap); // idempotent
    const answer = await call<{ profile: { id: string } }>(getProfileRoute, { params: { externalId: p.externalId }, key: bootstrap });
    expect([answer.status, answer.body.profile.id]).toEqual([200, p.externalId]);
    // The workspace comes from the key: the other key does not see this profile.
    expect((await call(getProfileRoute, { params: { externalId: p.externalId } })).status).toBe(404);
  });

  it("records when a key was last used", async () => {
    const fresh = await createApiKey(t.db, workspaceId, { name: "usage" }, null);
    await call(getProfileRoute, { params: { externalId: "nobody" }, key: fresh.key });
    const [row] = await t.db.select({ lastUsedAt: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, fresh.id));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });
});

describe("input", () => {
  it("refuses an invalid body with issues that say where, and writes nothing", async () => {
    const p = await makeProfile(t.db, workspaceId);
    const answer = await call(postEventRoute, { body: { profileId: p.externalId, name: "", properties: "nope", extra: 1 } });
    const error = expectError(answer, 400, "BAD_REQUEST");
    expect(error.issues?.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["name", "properties", ""]));
    expect(error.issues?.every((i) => i.message.length > 0)).toBe(true);
    expect(await t.db.select().from(events).where(eq(events.profileId, p.id))).toEqual([]);
  });

  it("refuses a body that is not JSON", async () => {
    expectError(await call(postEventRoute, { rawBody: "{profileId:" }), 400, "BAD_REQUEST");
  });

  it("refuses a missing body as invalid", async () => {
    const error = expectError(await call(postEventRoute, {}), 400, "BAD_REQUEST");
    expect(error.issues?.length).toBeGreaterThan(0);
  });

  it("refuses a body over 1 MiB with 413 and writes nothing", async () => {
    const externalId = "too-big";
    const attributes = { blob: "x".repeat(1024 * 1024) };
    expectError(await call(putProfileRoute, { params: { externalId }, body: { attributes } }), 413, "PAYLOAD_TOO_LARGE");
    expect(await t.db.select().from(profiles).where(eq(profiles.externalId, externalId))).toEqual([]);
  });

  it("validates path parameters", async () => {
    const error = expectError(await call(getProfileRoute, { params: { externalId: " " } }), 400, "BAD_REQUEST");
    expect(error.issues?.[0]?.path).toEqual(["externalId"]);
  });
});

describe("rate limiting", () => {
  it("answers 429 with Retry-After once a key's burst is spent, per key", async () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 2 });
    const limited = apiClient(t.db, { key, limiter });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await limited(getProfileRoute, { params: { externalId: "nobody" } })).status);
    expect(statuses).toEqual([404, 404, 429]);
    const refused = await limited(getProfileRoute, { params: { externalId: "nobody" } });
    expectError(refused, 429, "RATE_LIMITED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    const other = await createApiKey(t.db, workspaceId, { name: "other" }, null);
    expect((await limited(getProfileRoute, { params: { externalId: "nobody" }, key: other.key })).status).toBe(404);
  });
});

describe("unexpected failures", () => {
  it("answer 500 without leaking the cause", async () => {
    const broken = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop === "select") return () => { throw new Error("connection to db.internal.example refused: password for admin"); };
        return Reflect.get(target, prop, receiver) as unknown;
      },
    }) as Db;
    const answer = await apiClient(broken, { key })(getProfileRoute, { params: { externalId: "x" } });
    const error = expectError(answer, 500, "INTERNAL");
    expect(error.message).toBe("Internal error");
    expect(JSON.stringify(answer.body as ApiErrorBody)).not.toContain("db.internal.example");
  });
});
