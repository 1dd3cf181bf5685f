/**
 * Frequency caps: at most `max` messages of a purpose per rolling `windowHours`, on one channel
 * or across all of them, per profile.
 *
 * Fallbacks do not count twice. When a primary message was not delivered and its fallback
 * fires, the recipient got one message, so the two count as one. The engine expresses this
 * with `fallbackOf`: set it on a recent send (and `isFallbackOf` on the candidate) to the
 * `key` of the primary **only when the primary was not delivered** (failed, undelivered, no
 * receipt before the fallback fired). A fallback sent after a delivered primary (e.g. an
 * `await: read` that timed out) is a second message and leaves `fallbackOf` unset.
 * Chains collapse: a fallback of a fallback counts with the original primary.
 *
 * `recentSends` are the profile's dispatched messages (not suppressed or deferred ones); the
 * engine can pass only those younger than the longest cap window.
 */
import { z } from "zod";
import { ChannelSchema, PurposeSchema, type Channel, type Purpose } from "@/server/journey/schema";

export const CapSchema = z.object({
  /** A channel, or "any" (the default) to count every channel together. */
  channel: z.union([ChannelSchema, z.literal("any")]).optional(),
  purpose: PurposeSchema,
  max: z.number().int().min(1),
  windowHours: z.number().positive(),
});
export type Cap = z.infer<typeof CapSchema>;

/** Marketing: 1 SMS per 24 h and 3 messages per 7 days on any channel. Transactional is uncapped. */
export const DEFAULT_CAPS: readonly Cap[] = [
  { channel: "sms", purpose: "marketing", max: 1, windowHours: 24 },
  { channel: "any", purpose: "marketing", max: 3, windowHours: 24 * 7 },
];

export type RecentSend = {
  channel: Channel;
  purpose: Purpose;
  at: Date | string;
  /** The message's own id. */
  key: string;
  /** The key of the undelivered primary this message replaced (see the module comment). */
  fallbackOf?: string;
};

export type CapCandidate = { channel: Channel; purpose: Purpose; now: Date; isFallbackOf?: string };
export type CapCheck = { ok: true } | { ok: false; reason: "frequency_cap"; cap: Cap };

const HOUR_MS = 3_600_000;

/** The first cap (in list order) this send would exceed. */
export function checkCaps(candidate: CapCandidate, recentSends: readonly RecentSend[], caps: readonly Cap[]): CapCheck {
  const groupOf = fallbackGroups(recentSends);
  const candidateGroup = candidate.isFallbackOf === undefined ? undefined : groupOf(candidate.isFallbackOf);

  for (const cap of caps) {
    if (!capCovers(cap, candidate)) continue;
    const since = candidate.now.getTime() - cap.windowHours * HOUR_MS;
    const counted = new Set(
      recentSends.filter((s) => capCovers(cap, s) && new Date(s.at).getTime() > since).map((s) => groupOf(s.key)),
    );
    if (candidateGroup !== undefined && counted.has(candidateGroup)) continue;
    if (counted.size >= cap.max) return { ok: false, reason: "frequency_cap", cap };
  }
  return { ok: true };
}

function capCovers(cap: Cap, send: { channel: Channel; purpose: Purpose }): boolean {
  const anyChannel = cap.channel === undefined || cap.channel === "any";
  return cap.purpose === send.purpose && (anyChannel || cap.channel === send.channel);
}

/**
 * Maps a message key to the key of the first primary in its fallback chain. A cycle (bad data)
 * maps every member to the same key, its smallest.
 */
function fallbackGroups(sends: readonly RecentSend[]): (key: string) => string {
  const parent = new Map(sends.flatMap((s) => (s.fallbackOf === undefined ? [] : [[s.key, s.fallbackOf] as const])));
  return (key) => {
    const path: string[] = [];
    for (let current: string | undefined = key; current !== undefined; current = parent.get(current)) {
      const seenAt = path.indexOf(current);
      if (seenAt >= 0) return path.slice(seenAt).sort()[0] ?? current;
      path.push(current);
    }
    return path[path.length - 1] ?? key;
  };
}
