import { Logger } from "graphile-worker";
import { logger } from "@/server/logger";

/** graphile-worker's log lines through our pino logger; its info chatter only at debug. */
export function graphileLogger(): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const log = logger.child({ scope: scope.label ?? "worker" });
    if (level === "error") log.error(meta ?? {}, message);
    else if (level === "warning") log.warn(meta ?? {}, message);
    else log.debug(meta ?? {}, message);
  });
}
