/**
 * The OpenAPI 3.1 document of `/api/v1`, generated from the same endpoint definitions and zod
 * schemas the handlers validate with (`z.toJSONSchema`, JSON Schema 2020-12 as OpenAPI 3.1
 * uses it). Request bodies are described as the caller writes them (`io: "input"`: defaults
 * optional), answers as the server sends them (`io: "output"`). Schemas shared by several
 * operations are named components; the rest are named after their operation.
 */
import { z } from "zod";
import { ConditionSchema, JourneySchema } from "@/server/journey/schema";
import { IssueSchema } from "@/server/journey/validate";
import { ProfileSchema } from "@/server/profiles/get-profile";
import { MessageViewSchema } from "@/server/runs/list-messages";
import { ApiErrorBodySchema } from "./api-error";
import type { Endpoint } from "./handler";

type JsonObject = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: JsonObject;
  servers: JsonObject[];
  security: JsonObject[];
  tags: JsonObject[];
  paths: Record<string, JsonObject>;
  components: { schemas: Record<string, JsonObject>; responses: Record<string, JsonObject>; securitySchemes: Record<string, JsonObject> };
};

const REF = (id: string) => `#/components/schemas/${id}`;
const JSON_SCHEMA_OPTIONS = { target: "draft-2020-12", unrepresentable: "any", uri: REF } as const;

/** Named once, referenced wherever they appear. */
const SHARED_INPUT: Record<string, z.ZodType> = { Condition: ConditionSchema, JourneyInput: JourneySchema };
const SHARED_OUTPUT: Record<string, z.ZodType> = {
  Condition: ConditionSchema,
  Journey: JourneySchema,
  Issue: IssueSchema,
  Error: ApiErrorBodySchema,
  Profile: ProfileSchema,
  Message: MessageViewSchema,
};

const ERROR_RESPONSES: Record<number, { name: string; description: string; headers?: JsonObject }> = {
  400: { name: "BadRequest", description: "The input is invalid: `issues` says where and why." },
  401: { name: "Unauthorized", description: "No API key, or an unknown or revoked one." },
  403: { name: "Forbidden", description: "API keys may not do this." },
  404: { name: "NotFound", description: "No such resource in this workspace." },
  409: { name: "Conflict", description: "The request conflicts with the current state." },
  413: { name: "PayloadTooLarge", description: "The body is too large (1 MiB unless the operation says otherwise)." },
  429: {
    name: "RateLimited",
    description: "Too many requests for this key.",
    headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
  },
  500: { name: "Internal", description: "Unexpected failure; the details are logged on the server, not sent." },
};
const COMMON_ERRORS = [400, 401, 403, 429, 500] as const;

export function buildOpenApiDocument(endpoints: readonly Endpoint[]): OpenApiDocument {
  const inputs = z.registry<{ id: string }>();
  const outputs = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SHARED_INPUT)) inputs.add(schema, { id });
  for (const [id, schema] of Object.entries(SHARED_OUTPUT)) outputs.add(schema, { id });
  const named = (registry: typeof inputs, schema: z.ZodType, fallback: string): string => {
    const existing = registry.get(schema)?.id;
    if (existing) return existing;
    registry.add(schema, { id: fallback });
    return fallback;
  };

  const paths: OpenApiDocument["paths"] = {};
  for (const endpoint of endpoints) {
    const name = endpoint.operationId.charAt(0).toUpperCase() + endpoint.operationId.slice(1);
    const bodySchema = endpoint.documentedBody ?? endpoint.body;
    const bodyRef = bodySchema ? named(inputs, bodySchema, `${name}Request`) : undefined;
    const responseRef = named(outputs, endpoint.response, `${name}Response`);
    const status = endpoint.status ?? 200;
    const errors = [...new Set([...COMMON_ERRORS, ...(endpoint.errors ?? []), ...(bodySchema ? [413] : [])])].sort((a, b) => a - b);

    const operation: JsonObject = {
      operationId: endpoint.operationId,
      tags: [endpoint.tag],
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      parameters: [...parametersOf(endpoint.params, "path"), ...parametersOf(endpoint.query, "query")],
      ...(bodyRef
        ? { requestBody: { required: !endpoint.bodyOptional, content: { "application/json": { schema: { $ref: REF(bodyRef) } } } } }
        : {}),
      responses: {
        [String(status)]: {
          description: status === 202 ? "Accepted" : "OK",
          content: { "application/json": { schema: { $ref: REF(responseRef) } } },
        },
        ...Object.fromEntries(errors.map((code) => [String(code), { $ref: `#/components/responses/${ERROR_RESPONSES[code]!.name}` }])),
      },
    };
    paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method.toLowerCase()]: operation };
  }
  paths["/openapi.json"] = {
    get: {
      operationId: "getOpenApi",
      tags: ["Meta"],
      summary: "This document",
      security: [],
      responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } } },
    },
  };
  Object.assign(paths, WEBHOOK_PATHS);

  return {
    openapi: "3.1.0",
    info: {
      title: "Switchboard API",
      version: "1.0.0",
      description: [
        "The public API of a Switchboard workspace: profiles, consent, events, journeys, runs and messages, plus the sandbox provider's test controls.",
        "",
        "**Auth**: `Authorization: Bearer <workspace API key>` (made by admins in the UI). A server started with `BOOTSTRAP_API_KEY` accepts that key for the demo workspace.",
        "",
        '**Errors**: `{"error": {"code", "message", "issues"?}}`; `issues` lists `{path, message}` for invalid input, and journey validation issues (with `nodeId`) for a refused publish.',
        "",
        "**Rate limits**: a token bucket per key, 50 requests a second with bursts of 100, counted per server process; over it, 429 with `Retry-After`.",
        "",
        "**Provider webhooks** (`/api/webhooks/{provider}`) are not under `/api/v1` and take no API key: each is checked with its provider's signature, using the secret in the workspace's provider settings. The workspace is named in the URL you give the provider: `?workspace=<workspace id>`.",
      ].join("\n"),
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    tags: [
      { name: "Profiles" },
      { name: "Events" },
      { name: "Journeys" },
      { name: "Runs" },
      { name: "Sandbox", description: "Controls of the sandbox provider, the default provider of every channel." },
      { name: "Webhooks", description: "Delivery receipts and replies from real providers." },
      { name: "Meta" },
    ],
    paths,
    components: {
      schemas: mergeSchemas(toComponents(inputs, "input"), toComponents(outputs, "output")),
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map(({ name, description, headers }) => [
          name,
          { description, ...(headers ? { headers } : {}), content: { "application/json": { schema: { $ref: REF("Error") } } } },
        ]),
      ),
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A workspace API key." } },
    },
  };
}

function toComponents(registry: z.core.$ZodRegistry<{ id: string }>, io: "input" | "output"): Record<string, JsonObject> {
  const { schemas } = z.toJSONSchema(registry, { ...JSON_SCHEMA_OPTIONS, io });
  // Components live inside the document: their own $schema and $id would only confuse tools.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as JsonObject;
      return [id, rest];
    }),
  );
}

function mergeSchemas(a: Record<string, JsonObject>, b: Record<string, JsonObject>): Record<string, JsonObject> {
  for (const [id, schema] of Object.entries(b)) {
    if (id in a && JSON.stringify(a[id]) !== JSON.stringify(schema)) {
      throw new Error(`OpenAPI schema "${id}" differs between requests and answers: give one of them another name`);
    }
  }
  return { ...a, ...b };
}

function parametersOf(schema: z.ZodObject | undefined, location: "path" | "query"): JsonObject[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { ...JSON_SCHEMA_OPTIONS, io: "input" }) as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (json.required ?? []).includes(name),
    schema: property,
  }));
}

const WEBHOOK_PARAMETERS = [
  { name: "provider", in: "path", required: true, schema: { type: "string", enum: ["twilio", "meta-whatsapp"] } },
  {
    name: "workspace",
    in: "query",
    required: true,
    description: "The workspace whose provider settings hold the signing secret.",
    schema: { type: "string", format: "uuid" },
  },
];

const WEBHOOK_PATHS: OpenApiDocument["paths"] = {
  "/api/webhooks/{provider}": {
    servers: [{ url: "/" }],
    post: {
      operationId: "receiveProviderWebhook",
      tags: ["Webhooks"],
      summary: "Delivery receipts and inbound messages from a provider",
      description:
        "Twilio (form-encoded; `X-Twilio-Signature` with the workspace's `authToken`) and Meta WhatsApp Cloud (JSON; `X-Hub-Signature-256` with the workspace's `appSecret`). A missing signature is a 401, a wrong one a 403, and neither changes anything. Receipts are applied once: a replayed one is acknowledged and ignored; so is a replayed inbound message.",
      security: [],
      parameters: [
        ...WEBHOOK_PARAMETERS,
        { name: "X-Twilio-Signature", in: "header", required: false, schema: { type: "string" } },
        { name: "X-Hub-Signature-256", in: "header", required: false, schema: { type: "string" } },
      ],
      requestBody: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": { schema: { type: "object", additionalProperties: { type: "string" } } },
          "application/json": { schema: { type: "object" } },
        },
      },
      responses: {
        "200": { description: "Handled (or acknowledged and ignored)." },
        "400": { $ref: "#/components/responses/BadRequest" },
        "401": { $ref: "#/components/responses/Unauthorized" },
        "403": { $ref: "#/components/responses/Forbidden" },
        "404": { $ref: "#/components/responses/NotFound" },
        "413": { $ref: "#/components/responses/PayloadTooLarge" },
      },
    },
    get: {
      operationId: "verifyProviderWebhook",
      tags: ["Webhooks"],
      summary: "Meta's subscription handshake",
      description: "Echoes `hub.challenge` when `hub.mode` is `subscribe` and `hub.verify_token` is the workspace's `verifyToken`.",
      security: [],
      parameters: [
        ...WEBHOOK_PARAMETERS,
        { name: "hub.mode", in: "query", required: true, schema: { type: "string", const: "subscribe" } },
        { name: "hub.verify_token", in: "query", required: true, schema: { type: "string" } },
        { name: "hub.challenge", in: "query", required: true, schema: { type: "string" } },
      ],
      responses: {
        "200": { description: "The challenge, as text.", content: { "text/plain": { schema: { type: "string" } } } },
        "403": { $ref: "#/components/responses/Forbidden" },
        "404": { $ref: "#/components/responses/NotFound" },
      },
    },
  },
};
