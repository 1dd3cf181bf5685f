/**
 * Calls `/api/v1` handlers in integration tests with real `Request` objects, exactly as Next
 * would, against the test database.
 */
import type { Db } from "@/db/client";
import type { ApiRoute } from "../handler";
import { createRateLimiter, type RateLimiter } from "../rate-limiter";

export type CallOptions = {
  /** Path parameters, substituted into the endpoint's path. */
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  /** Serialised as JSON. */
  body?: unknown;
  /** Sent as is, instead of `body`. */
  rawBody?: string;
  /** Overrides the client's key; null sends no Authorization header. */
  key?: string | null;
  headers?: Record<string, string>;
};

export type ApiAnswer<T> = { status: number; body: T; headers: Headers };

export function apiClient(db: Db, options: { key: string; limiter?: RateLimiter }) {
  // Generous by default, so only the rate-limit test meets the limit.
  const limiter = options.limiter ?? createRateLimiter({ ratePerSecond: 10_000, burst: 10_000 });
  return async function call<T = unknown>(route: ApiRoute, call: CallOptions = {}): Promise<ApiAnswer<T>> {
    const { endpoint } = route;
    const params = call.params ?? {};
    const path = endpoint.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ""));
    const url = new URL(`http://localhost/api/v1${path}`);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, String(v));
    const key = call.key === undefined ? options.key : call.key;
    const payload = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    const req = new Request(url, {
      method: endpoint.method,
      headers: {
        ...(key !== null ? { authorization: `Bearer ${key}` } : {}),
        ...(payload !== undefined ? { "content-type": "application/json" } : {}),
        ...call.headers,
      },
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const res = await route.handle(req, params, { db, limiter });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  };
}
