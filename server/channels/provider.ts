/**
 * What the engine asks of a channel provider, shaped to fit the real ones: Twilio and D7
 * (SMS, WhatsApp, voice), Meta WhatsApp Cloud, SMTP, Web Push. A provider sends with an
 * idempotency key; receipts and inbound messages arrive later through webhooks and are
 * normalised to `ProviderReceipt` / `ProviderInbound` before the engine sees them.
 */
import type { ReceiptStatus } from "@/server/journey/run-state";
import type { Channel, SendContent } from "@/server/journey/schema";

export type OutboundMessage<C extends Channel = Channel> = {
  workspaceId: string;
  /** `${runId}:${nodeId}:${visit}`; providers that support keys deduplicate on it. */
  idempotencyKey: string;
  channel: C;
  to: string;
  from?: string;
  content: SendContent[C];
};

export type SendResult = { providerMessageId: string };

/**
 * A refusal or failure. `permanent` failures (bad number, opted out at the carrier, rejected
 * template) send the run down `fallback`; transient ones (timeouts, 429, 5xx) are retried.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

export type ProviderReceipt = {
  /** Unique per report, so a receipt delivered twice is applied once. */
  providerEventId: string;
  providerMessageId: string;
  status: ReceiptStatus;
  at: Date;
  errorCode?: string;
};

export type ProviderInbound = { providerEventId: string; channel: Channel; from: string; to?: string; text: string; at: Date };

export interface ChannelProvider {
  readonly name: string;
  readonly channels: readonly Channel[];
  /** True when `send` deduplicates on the idempotency key (a retry returns the same message). */
  readonly deduplicates: boolean;
  send(message: OutboundMessage): Promise<SendResult>;
}
