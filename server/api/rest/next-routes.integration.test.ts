/**
 * The route files under app/api as Next calls them: `(request, { params: Promise })`, with the
 * process's database from DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as catchAll from "@/app/api/v1/[...path]/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as profile from "@/app/api/v1/profiles/[externalId]/route";
import * as webhooks from "@/app/api/webhooks/[provider]/route";
import { getDatabase } from "@/db/client";
import { channelProviders } from "@/db/schema";
import { makeWorkspace } from "@/db/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/test/test-database";
import { createApiKey } from "@/server/workspaces/api-keys";

let t: TestDatabase;
let workspaceId: string;
let key: string;
const previousUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  workspaceId = (await makeWorkspace(t.db)).id;
  key = (await createApiKey(t.db, workspaceId, { name: "next" }, null)).key;
});
afterAll(async () => {
  await getDatabase().close();
  delete (globalThis as { switchboardDb?: unknown }).switchboardDb;
  process.env.DATABASE_URL = previousUrl;
  await t.drop();
});

const params = <P>(value: P) => ({ params: Promise.resolve(value) });

describe("app/api route files", () => {
  it("serve a profile through PUT and GET with the key", async () => {
    const url = "http://localhost:3000/api/v1/profiles/next-1";
    const put = await profile.PUT(
      new Request(url, { method: "PUT", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ phone: "+447400900555" }) }),
      params({ externalId: "next-1" }),
    );
    expect(put.status).toBe(200);
    const get = await profile.GET(new Request(url, { headers: { authorization: `Bearer ${key}` } }), params({ externalId: "next-1" }));
    expect(((await get.json()) as { profile: { phone: string } }).profile.phone).toBe("+447400900555");
    expect((await profile.GET(new Request(url), params({ externalId: "next-1" }))).status).toBe(401);
  });

  it("serve the OpenAPI document without a key", async () => {
    const res = await openapi.GET();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("answer unknown API paths with the JSON error shape", async () => {
    const res = await catchAll.GET(new Request("http://localhost:3000/api/v1/nope"));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
  });

  it("route provider webhooks by their provider", async () => {
    await t.db.insert(channelProviders).values({ workspaceId, channel: "whatsapp", provider: "meta-whatsapp", config: { appSecret: "s", verifyToken: "tok" } });
    const url = `http://localhost:3000/api/webhooks/meta-whatsapp?workspace=${workspaceId}&hub.mode=subscribe&hub.verify_token=tok&hub.challenge=42`;
    const res = await webhooks.GET(new Request(url), params({ provider: "meta-whatsapp" }));
    expect([res.status, await res.text()]).toEqual([200, "42"]);
    const unsigned = await webhooks.POST(new Request(url, { method: "POST", body: "{}" }), params({ provider: "meta-whatsapp" }));
    expect(unsigned.status).toBe(401);
  });
});
