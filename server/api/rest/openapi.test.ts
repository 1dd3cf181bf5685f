import { describe, expect, it } from "vitest";
import { openApiDocument } from "./handlers/openapi";

/** The table of docs/api-v1.md, as method + path under /api/v1. */
const SPEC_OPERATIONS = [
  "PUT /profiles/{externalId}",
  "GET /profiles/{externalId}",
  "POST /events",
  "POST /events/batch",
  "POST /consent",
  "PUT /journeys/{key}",
  "GET /journeys/{key}",
  "POST /journeys/{key}/publish",
  "POST /journeys/{key}/enroll",
  "POST /journeys/{key}/simulate",
  "GET /runs/{id}",
  "GET /messages",
  "POST /sandbox/outcomes",
  "POST /sandbox/inbound",
  "GET /openapi.json",
];
const METHODS = ["get", "put", "post", "patch", "delete"];

type Operation = {
  operationId: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
  security?: unknown[];
};

const doc = openApiDocument();
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op: op as Operation })),
);
const operation = (key: string) => operations.find((o) => o.key === key)!.op;

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : refsIn(v)));
  }
  return [];
}

function resolve(ref: string): unknown {
  expect(ref.startsWith("#/")).toBe(true);
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 served under /api/v1", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
  });

  it("lists every operation of the spec", () => {
    const listed = operations.map((o) => o.key);
    for (const expected of SPEC_OPERATIONS) expect(listed).toContain(expected);
  });

  it("lists the provider webhooks", () => {
    expect(operations.map((o) => o.key)).toEqual(expect.arrayContaining(["POST /api/webhooks/{provider}", "GET /api/webhooks/{provider}"]));
  });

  it("gives every operation a unique id, a success answer and the error answers", () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, op } of operations) {
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith("2")), key).toBe(true);
      if (key.includes("/api/webhooks") || key === "GET /openapi.json") continue;
      expect(statuses, key).toEqual(expect.arrayContaining(["400", "401", "403", "429", "500"]));
    }
  });

  it("describes bodies, path parameters and query parameters", () => {
    for (const key of SPEC_OPERATIONS.filter((k) => /^(PUT|POST) /.test(k))) {
      expect(operation(key).requestBody?.content["application/json"], key).toBeDefined();
    }
    expect(operation("GET /profiles/{externalId}").parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "externalId", in: "path" })]));
    expect(operation("GET /messages").parameters?.map((p) => p.name).sort()).toEqual(["journey", "limit", "profileId", "runId"]);
    expect(operation("GET /journeys/{key}").parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(["path:key", "query:version"]);
    expect(operation("POST /events").responses["202"]).toBeDefined();
  });

  it("has only references that resolve", () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) expect(resolve(ref), ref).toBeDefined();
  });

  it("describes the journey format once, with its recursive conditions", () => {
    expect(doc.components.schemas.Journey).toMatchObject({ type: "object", required: expect.arrayContaining(["format", "key", "nodes", "edges"]) });
    expect(JSON.stringify(doc.components.schemas.Condition)).toContain('"$ref":"#/components/schemas/Condition"');
    expect((operation("PUT /journeys/{key}").requestBody?.content["application/json"]?.schema as { $ref: string }).$ref).toBe(
      "#/components/schemas/JourneyInput",
    );
  });

  it("needs an API key everywhere but for itself and the webhooks", () => {
    expect(doc.security).toEqual([{ apiKey: [] }]);
    expect(operation("GET /openapi.json").security).toEqual([]);
    expect(operation("POST /api/webhooks/{provider}").security).toEqual([]);
  });
});
