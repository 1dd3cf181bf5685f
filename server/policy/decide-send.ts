/**
 * The one decision every send goes through. Checks run in this order, and the first that
 * fails decides:
 * 1. an address for the channel (channel-address.ts)           → suppress "no_address"
 * 2. consent (consent.ts)                                       → suppress "opted_out" | "no_opt_in"
 * 3. an approved sender ID for the recipient's country, SMS only → suppress "no_sender_id"
 * 4. frequency caps (frequency-caps.ts)                         → suppress "frequency_cap"
 * 5. quiet hours in the recipient's zone (quiet-hours.ts)       → defer until the next allowed minute
 * Suppression sends the run down the node's `fallback`; a deferred send is decided again, in
 * full, when it comes due (consent or caps may have changed meanwhile).
 *
 * The recipient's country (country rules, sender IDs) is the phone number's country for phone
 * channels, else the profile's `country`; other channels prefer the profile's `country`.
 */
import type { ConsentFact, ProfileView } from "@/server/journey/context";
import type { Channel, Purpose } from "@/server/journey/schema";
import { PHONE_CHANNELS, channelAddress } from "./channel-address";
import { checkConsent } from "./consent";
import { checkCaps, type RecentSend } from "./frequency-caps";
import { countryOfPhone } from "./phone-country";
import { nextAllowedSendTime, type JourneyQuietHours } from "./quiet-hours";
import type { DeferralReason, SuppressionReason } from "./reasons";
import { chooseSenderId, type SenderId } from "./sender-id";
import type { SendPolicy } from "./send-policy";
import { resolveRecipientTimezone } from "./timezone";

export type DecideSendInput = {
  now: Date;
  channel: Channel;
  purpose: Purpose;
  urgent?: boolean;
  /** The journey's `quietHours` setting. */
  journeyQuietHours: JourneyQuietHours;
  /** The send node's `senderId`, matched against a sender's id or value. */
  requestedSenderId?: string | null;
  /** The key of the undelivered primary this send replaces (see frequency-caps.ts). */
  isFallbackOf?: string;
  profile: ProfileView;
  consents: readonly ConsentFact[];
  senders: readonly SenderId[];
  recentSends: readonly RecentSend[];
  policy: SendPolicy;
};

export type SendDecision =
  | { action: "allow"; to: string; senderId?: SenderId }
  | { action: "defer"; until: Date; reason: DeferralReason }
  | { action: "suppress"; reason: SuppressionReason };

export function decideSend(input: DecideSendInput): SendDecision {
  const { channel, purpose, profile, now } = input;

  const to = channelAddress(channel, profile);
  if (!to) return { action: "suppress", reason: "no_address" };

  const consent = checkConsent({ channel, purpose }, input.consents);
  if (!consent.ok) return { action: "suppress", reason: consent.reason };

  const phone = PHONE_CHANNELS.has(channel) ? to : (profile.phone ?? profile.whatsapp);
  const phoneCountry = countryOfPhone(phone);
  const profileCountry = profile.country?.trim().toUpperCase() || undefined;
  const country = PHONE_CHANNELS.has(channel) ? (phoneCountry ?? profileCountry) : (profileCountry ?? phoneCountry);

  let senderId: SenderId | undefined;
  if (channel === "sms") {
    const choice = chooseSenderId({ country, purpose, requested: input.requestedSenderId }, input.senders);
    if (!choice.ok) return { action: "suppress", reason: choice.reason };
    senderId = choice.sender;
  }

  const candidate = { channel, purpose, now, isFallbackOf: input.isFallbackOf };
  const caps = checkCaps(candidate, input.recentSends, input.policy.caps);
  if (!caps.ok) return { action: "suppress", reason: caps.reason };

  const { zone } = resolveRecipientTimezone({
    profileTimezone: profile.timezone,
    phone,
    workspaceTimezone: input.policy.timezone,
  });
  const quiet = nextAllowedSendTime({
    now,
    zone,
    country,
    purpose,
    urgent: input.urgent,
    journeyQuietHours: input.journeyQuietHours,
    workspaceWindow: input.policy.quietHours,
  });
  if (!quiet.allowed) return { action: "defer", until: quiet.until, reason: quiet.reason };

  return senderId ? { action: "allow", to, senderId } : { action: "allow", to };
}
