/**
 * `POST /sandbox/outcomes` and `POST /sandbox/inbound`: drive the sandbox provider from outside,
 * as tests and demos do — script what it reports next for an address, or play a reply.
 */
import { z } from "zod";
import { SANDBOX_OUTCOMES } from "@/server/channels/sandbox/receipt-plan";
import { scriptSandboxOutcome } from "@/server/channels/sandbox/sandbox-provider";
import { handleInbound, InboundInputSchema } from "@/server/engine/inbound";
import { ChannelSchema, type Channel } from "@/server/journey/schema";
import { PHONE_CHANNELS } from "@/server/policy/channel-address";
import { toE164 } from "@/server/profiles/upsert-profile";
import { apiRoute, defineEndpoint } from "../handler";

const ScriptedOutcomeSchema = z.object({
  id: z.number().int(),
  channel: ChannelSchema,
  /** The address as messages to it are sent: E.164 for phone channels, lower case for email. */
  to: z.string(),
  outcome: z.enum(SANDBOX_OUTCOMES),
  afterMs: z.number().int(),
});

export const sandboxOutcomeRoute = apiRoute(
  defineEndpoint({
    operationId: "scriptSandboxOutcome",
    method: "POST",
    path: "/sandbox/outcomes",
    tag: "Sandbox",
    summary: "Script what the sandbox reports next for an address",
    description:
      "The next message the sandbox sends on `channel` to `to` reports `outcome` `afterMs` after it is sent (default 1000) instead of the default `delivered` (then `read`/`opened`). An engagement outcome (`read`, `opened`, `clicked`, `replied`, `answered`) comes after a `delivered`; `no_receipt` reports nothing. Scripts are used up in order, one per message. Push and in-app addresses are the profile's external id.",
    action: "providers.manage",
    body: z.strictObject({
      channel: ChannelSchema,
      to: z.string().trim().min(1).max(320),
      outcome: z.enum(SANDBOX_OUTCOMES),
      afterMs: z.number().int().min(0).max(86_400_000).optional(),
    }),
    response: ScriptedOutcomeSchema,
  }),
  async ({ db, workspaceId, body }) => {
    const row = await scriptSandboxOutcome(db, workspaceId, { ...body, to: sandboxAddress(body.channel, body.to) });
    return { id: row.id, channel: row.channel, to: row.to, outcome: row.outcome, afterMs: row.afterMs };
  },
);

export const sandboxInboundRoute = apiRoute(
  defineEndpoint({
    operationId: "sandboxInbound",
    method: "POST",
    path: "/sandbox/inbound",
    tag: "Sandbox",
    summary: "Play a reply from a recipient",
    description:
      "As if `from` replied `text` on `channel`: STOP-like keywords opt them out of the channel, START-like ones back in, HELP gets the workspace's help text; anything else counts as a `replied` outcome for the latest message sent to them on that channel.",
    action: "providers.manage",
    body: InboundInputSchema,
    response: z.object({
      inboundId: z.string(),
      /** opt_out, opt_in, help, revocation_intent (kept for review), other. */
      kind: z.string(),
      /** The external id of the profile the address belongs to, if any. */
      profileId: z.string().nullable(),
      /** The message the reply counted for, if any. */
      repliedTo: z.string().nullable(),
    }),
  }),
  async ({ db, workspaceId, body }) => {
    const { inboundId, kind, profileId, repliedTo } = await handleInbound(db, workspaceId, body);
    return { inboundId, kind, profileId, repliedTo };
  },
);

/** Scripts match the address a message is sent to, which is normalised like the profile's. */
function sandboxAddress(channel: Channel, to: string): string {
  if (channel === "email") return to.toLowerCase();
  if (!PHONE_CHANNELS.has(channel)) return to;
  try {
    return toE164(to);
  } catch {
    return to;
  }
}
