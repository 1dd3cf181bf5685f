/**
 * Which provider serves a workspace's channel. Every channel defaults to the sandbox; real
 * adapters (Twilio, D7, Meta WhatsApp Cloud, SMTP, Web Push) register here as they land.
 */
import type { Db } from "@/db/client";
import type { Channel } from "@/server/journey/schema";
import type { ChannelProvider } from "./provider";
import { createSandboxProvider } from "./sandbox/sandbox-provider";

export type ProviderRegistry = { forChannel: (workspaceId: string, channel: Channel) => Promise<ChannelProvider> };

export function createProviderRegistry(db: Db, options: { sandboxLatencyMs?: number } = {}): ProviderRegistry {
  const sandbox = createSandboxProvider(db, { latencyMs: options.sandboxLatencyMs ?? 0 });
  return { forChannel: async () => sandbox };
}
