import { nextWebhookRoute, receiveWebhook, verifyWebhookSubscription } from "@/server/api/rest/webhooks/provider-webhook";

export const POST = nextWebhookRoute(receiveWebhook);
export const GET = nextWebhookRoute(verifyWebhookSubscription);
