/**
 * The providers that call us back, under the names `channel_providers.provider` uses for them
 * (and the `{provider}` of `/api/webhooks/{provider}`), and the secrets their webhooks are
 * checked with, as an admin stores them in `channel_providers.config`.
 */
import { z } from "zod";

export const WEBHOOK_PROVIDERS = ["twilio", "meta-whatsapp"] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

export function isWebhookProvider(name: string): name is WebhookProvider {
  return (WEBHOOK_PROVIDERS as readonly string[]).includes(name);
}

/** Twilio signs with the account's Auth Token. */
export const TwilioWebhookConfigSchema = z.looseObject({ authToken: z.string().min(1) });

/** Meta signs with the app's App Secret; `verifyToken` is the admin's answer to the subscription handshake. */
export const MetaWebhookConfigSchema = z.looseObject({ appSecret: z.string().min(1), verifyToken: z.string().min(1).optional() });
