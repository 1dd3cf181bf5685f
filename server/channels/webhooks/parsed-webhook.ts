/** One thing a provider's webhook told us, normalised for the engine. */
import type { ProviderInbound, ProviderReceipt } from "@/server/channels/provider";

export type ParsedWebhook =
  | { kind: "receipt"; receipt: ProviderReceipt }
  | { kind: "inbound"; inbound: ProviderInbound }
  /** Acknowledged and dropped: a status or event the engine does not act on. */
  | { kind: "ignored"; reason: string };
