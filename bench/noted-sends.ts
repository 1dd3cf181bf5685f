/**
 * A provider registry that notes when each send returned, by run id: `send` returns only after
 * the sandbox's insert has committed, so that is when the provider "has" the message. Used on
 * both sides of the benchmark, the API's immediate sends and the engine's pool; times are
 * Date.now(), one host clock.
 */
import type { ProviderRegistry } from "@/server/channels/registry";

export function noteSends(registry: ProviderRegistry, onSent: (runId: string, at: number) => void): ProviderRegistry {
  return {
    forChannel: async (workspaceId, channel) => {
      const provider = await registry.forChannel(workspaceId, channel);
      return {
        name: provider.name,
        channels: provider.channels,
        deduplicates: provider.deduplicates,
        send: async (message) => {
          const result = await provider.send(message);
          // Keys are `${runId}:${nodeId}:${visit}`.
          onSent(message.idempotencyKey.split(":")[0]!, Date.now());
          return result;
        },
      };
    },
  };
}
