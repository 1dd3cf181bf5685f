/** A workspace's settings for one provider, across the channels it serves. */
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Executor } from "@/db/client";
import { channelProviders } from "@/db/schema";

/**
 * The distinct configs stored for `provider` that `schema` accepts (one provider may serve
 * several channels, e.g. Twilio for SMS and WhatsApp, each row with its own copy).
 */
export async function loadWebhookConfigs<S extends z.ZodType>(db: Executor, workspaceId: string, provider: string, schema: S): Promise<z.output<S>[]> {
  const rows = await db
    .select({ config: channelProviders.config })
    .from(channelProviders)
    .where(and(eq(channelProviders.workspaceId, workspaceId), eq(channelProviders.provider, provider)));
  const seen = new Set<string>();
  const configs: z.output<S>[] = [];
  for (const { config } of rows) {
    const parsed = schema.safeParse(config);
    const key = JSON.stringify(config);
    if (parsed.success && !seen.has(key)) {
      seen.add(key);
      configs.push(parsed.data);
    }
  }
  return configs;
}
