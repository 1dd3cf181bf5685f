/**
 * Process configuration, read once from the environment and checked by zod, so a bad value
 * stops start-up with a clear message instead of failing later.
 */
import { z } from "zod";

/**
 * Jobs mostly wait on the engine's batches (dispatch, receipts), not on a connection of their
 * own, so many in flight keep the batches full; connections stay few (engineDbConnections).
 */
export const DEFAULT_WORKER_CONCURRENCY = 256;

/** The engine process's pool: a connection per running batch and task, capped. */
export const engineDbConnections = (concurrency: number) => Math.min(concurrency, 16) + 4;

const ConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  SWITCHBOARD_DATA_DIR: z.string().min(1).default(".data"),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  BOOTSTRAP_API_KEY: z.string().min(16, "BOOTSTRAP_API_KEY must be at least 16 characters").optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(DEFAULT_WORKER_CONCURRENCY),
  /** Worker liveness: heartbeat period and the silence after which a pool's jobs are released. */
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  WORKER_DEAD_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(45),
  /** Simulated provider latency of the sandbox (ms), to exercise crashes mid-send. */
  SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
});
export type Config = z.infer<typeof ConfigSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
