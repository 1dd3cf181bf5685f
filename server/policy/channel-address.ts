/**
 * Where a send to a profile goes on each channel.
 *
 * - sms, voice: the profile's phone;
 * - whatsapp: its WhatsApp number, else its phone (most WhatsApp accounts are the phone number);
 * - email: its email;
 * - push, in_app: the profile itself (its external id). Whether it has a device subscription
 *   or an open session is the provider's concern: a miss comes back as a failed send, and the
 *   send node's fallback takes over.
 */
import type { ProfileView } from "@/server/journey/context";
import type { Channel } from "@/server/journey/schema";

export const PHONE_CHANNELS: ReadonlySet<Channel> = new Set(["sms", "voice", "whatsapp"]);

export function channelAddress(channel: Channel, profile: ProfileView): string | undefined {
  switch (channel) {
    case "sms":
    case "voice":
      return present(profile.phone);
    case "whatsapp":
      return present(profile.whatsapp) ?? present(profile.phone);
    case "email":
      return present(profile.email);
    case "push":
    case "in_app":
      return present(profile.id);
    default: {
      const _exhaustive: never = channel;
      return _exhaustive;
    }
  }
}

function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
