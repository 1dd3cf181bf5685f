/**
 * The route wrapper every `/api/v1` endpoint goes through, so handlers are only
 * "parse → service → shape". In order:
 * 1. `Authorization: Bearer <key>`: a missing, unknown or revoked key is a 401;
 * 2. the per-key rate limit (rate-limiter.ts): 429 with Retry-After;
 * 3. the endpoint's action against what API keys may do (API_KEY_ACTIONS): 403;
 * 4. path parameters, query and JSON body (size-limited: 413; not JSON: 400) validated by the
 *    endpoint's zod schemas: 400 with `issues`;
 * 5. the handler; an AppError becomes its status, anything else a logged 500.
 *
 * The endpoint definition is also what the OpenAPI document is built from (openapi.ts), and
 * outside production every answer is checked against its documented response schema, so the
 * document cannot drift from what the handlers return without a test noticing.
 */
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { API_KEY_ACTIONS, type Action } from "@/server/auth/permissions";
import { createProviderRegistry } from "@/server/channels/registry";
import { enableImmediateSends } from "@/server/engine/immediate-sends";
import { logger } from "@/server/logger";
import { authenticateApiKey, markApiKeyUsed } from "@/server/workspaces/api-keys";
import { errorResponse, issuesFromZod, responseForError } from "./api-error";
import { createRateLimiter, type RateLimiter } from "./rate-limiter";
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from "./read-body";

export type HttpMethod = "GET" | "POST" | "PUT";

export type Endpoint = {
  /** Unique, used as the OpenAPI operationId and to name its schemas. */
  operationId: string;
  method: HttpMethod;
  /** The OpenAPI path under /api/v1, e.g. "/profiles/{externalId}". */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  action: Action;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body may be left out; `{}` is validated instead. Default false. */
  bodyOptional?: boolean;
  /** What OpenAPI shows for the body when the wrapper validates less (a batch checks its items one by one). */
  documentedBody?: z.ZodType;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** The success status. Default 200. */
  status?: 200 | 202;
  response: z.ZodType;
  /** Statuses this endpoint answers besides the ones every endpoint may (400, 401, 403, 429, 500). */
  errors?: readonly (404 | 409 | 413)[];
};

/** Keeps the literal schema types of an endpoint, so its handler's inputs are typed. */
export function defineEndpoint<const E extends Endpoint>(endpoint: E): E {
  return endpoint;
}

type Parsed<E, K extends "params" | "query" | "body"> = E extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined;

export type ApiContext<E extends Endpoint> = {
  db: Db;
  workspaceId: string;
  keyId: string;
  req: Request;
  params: Parsed<E, "params">;
  query: Parsed<E, "query">;
  body: Parsed<E, "body">;
};

export type ApiDeps = { db: Db; limiter: RateLimiter };

export type ApiRoute = {
  endpoint: Endpoint;
  /** Handles one request; `params` are the route's dynamic segments. */
  handle: (req: Request, params: Record<string, string>, deps: ApiDeps) => Promise<Response>;
};

const CHECK_RESPONSES = process.env.NODE_ENV !== "production";

export function apiRoute<const E extends Endpoint>(endpoint: E, fn: (ctx: ApiContext<E>) => Promise<z.input<E["response"]>>): ApiRoute {
  const handle = async (req: Request, rawParams: Record<string, string>, deps: ApiDeps): Promise<Response> => {
    const url = new URL(req.url);
    try {
      const token = bearerToken(req.headers.get("authorization"));
      if (!token) {
        return errorResponse(401, "UNAUTHORIZED", "Missing API key: send Authorization: Bearer <key>.", { headers: { "WWW-Authenticate": "Bearer" } });
      }
      const key = await authenticateApiKey(deps.db, token);
      if (!key) {
        return errorResponse(401, "UNAUTHORIZED", "Invalid or revoked API key.", { headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } });
      }
      const rate = deps.limiter.take(key.keyId);
      if (!rate.ok) {
        return errorResponse(429, "RATE_LIMITED", `Too many requests for this key; retry in ${rate.retryAfterSeconds} s.`, {
          headers: { "Retry-After": String(rate.retryAfterSeconds) },
        });
      }
      await markApiKeyUsed(deps.db, key.keyId);
      if (!API_KEY_ACTIONS.includes(endpoint.action)) {
        return errorResponse(403, "FORBIDDEN", `API keys may not do this (${endpoint.action}).`);
      }

      const params = endpoint.params?.safeParse(rawParams);
      if (params && !params.success) return invalid("Invalid path parameters.", params.error);
      const query = endpoint.query?.safeParse(Object.fromEntries(url.searchParams));
      if (query && !query.success) return invalid("Invalid query parameters.", query.error);
      let body: z.ZodSafeParseResult<unknown> | undefined;
      if (endpoint.body) {
        const raw = await readJsonBody(req, endpoint.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        body = endpoint.body.safeParse(raw === undefined && endpoint.bodyOptional ? {} : raw);
        if (!body.success) return invalid("Invalid body.", body.error);
      }

      const ctx = {
        db: deps.db,
        workspaceId: key.workspaceId,
        keyId: key.keyId,
        req,
        params: params?.data,
        query: query?.data,
        body: body?.data,
      } as ApiContext<E>;
      const data = await fn(ctx);
      if (CHECK_RESPONSES) {
        const checked = endpoint.response.safeParse(data);
        if (!checked.success) {
          logger.error({ operationId: endpoint.operationId, issues: checked.error.issues }, "response does not match its documented schema");
          return errorResponse(500, "INTERNAL", "Internal error");
        }
      }
      return Response.json(data, { status: endpoint.status ?? 200 });
    } catch (error) {
      return responseForError(error, { method: req.method, path: url.pathname });
    }
  };
  return { endpoint, handle };
}

function invalid(message: string, error: z.ZodError): Response {
  return errorResponse(400, "BAD_REQUEST", message, { issues: issuesFromZod(error.issues) });
}

function bearerToken(header: string | null): string | null {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

const globalForLimiter = globalThis as unknown as { switchboardApiLimiter?: RateLimiter };

/** The process's limiter (kept on globalThis so a dev-server reload does not reset it). */
function processLimiter(): RateLimiter {
  globalForLimiter.switchboardApiLimiter ??= createRateLimiter();
  return globalForLimiter.switchboardApiLimiter;
}

/** The process's database; the events it ingests send at once from this process (immediate-sends.ts). */
function processDb(): Db {
  const db = getDb();
  enableImmediateSends(db, createProviderRegistry);
  return db;
}

/** Binds a route to Next's route-handler signature, with the process's database and limiter. */
export function nextRoute(route: ApiRoute) {
  return async (req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> => {
    let deps: ApiDeps;
    try {
      deps = { db: processDb(), limiter: processLimiter() };
    } catch (error) {
      return responseForError(error, { method: req.method, path: new URL(req.url).pathname });
    }
    return route.handle(req, await ctx.params, deps);
  };
}
