import { Logger } from "graphile-worker";
import { logger } from "@/server/logger";

/**
 * graphile-worker advises a connection per concurrent job, but the engine's jobs wait on shared
 * batches using the engine's own pool, not graphile's; that advice would only mislead operators.
 */
const IRRELEVANT_WARNING = /^WARNING: having maxPoolSize \(\d+\) smaller than concurrency/;

/** graphile-worker's log lines through our pino logger; its info chatter only at debug. */
export function graphileLogger(): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const log = logger.child({ scope: scope.label ?? "worker" });
    if (level === "error") log.error(meta ?? {}, message);
    else if (level === "warning") {
      if (!IRRELEVANT_WARNING.test(message)) log.warn(meta ?? {}, message);
    } else log.debug(meta ?? {}, message);
  });
}
