/**
 * The recipient's time zone, for quiet hours.
 *
 * Order: the profile's own zone; else the phone number's country when the whole country keeps
 * one time; else the workspace's zone. Phone prefixes are only a hint (numbers get ported and
 * travel), which is why a stored zone always wins.
 *
 * "Keeps one time" is a little wider than "has exactly one zone": countries-and-timezones
 * lists Germany as Europe/Berlin + Europe/Zurich (Büsingen) and Argentina as a dozen zones
 * that all share one offset. Such a country counts as single-zone when all its zones have the
 * same standard and summer offsets; the first listed zone is used.
 */
import { getTimezone, getTimezonesForCountry } from "countries-and-timezones";
import { countryOfPhone } from "./phone-country";

export type TimezoneSource = "profile" | "phone_country" | "workspace";
export type ResolvedTimezone = { zone: string; source: TimezoneSource };

const FALLBACK_ZONE = "UTC";

/** True for a zone name the runtime's tz database knows (offset strings like "+05:30" are not names). */
export function isValidTimeZone(name: string): boolean {
  return canonicalCase(name) !== undefined;
}

/**
 * The canonical spelling of a valid IANA zone, or undefined. Legacy aliases become their
 * current names (Asia/Calcutta → Asia/Kolkata, US/Eastern → America/New_York) so stored and
 * displayed zones are consistent; "UTC" stays "UTC".
 */
export function normalizeTimeZone(name: string | null | undefined): string | undefined {
  const resolved = name ? canonicalCase(name.trim()) : undefined;
  if (!resolved) return undefined;
  const alias = getTimezone(resolved)?.aliasOf;
  // Only follow aliases to geographic zones, so "UTC" is not rewritten to "Etc/UTC".
  return alias && getTimezone(alias)?.countries.length ? alias : resolved;
}

export function resolveRecipientTimezone(input: {
  profileTimezone?: string | null;
  phone?: string | null;
  workspaceTimezone?: string | null;
}): ResolvedTimezone {
  const profileZone = normalizeTimeZone(input.profileTimezone);
  if (profileZone) return { zone: profileZone, source: "profile" };

  const country = countryOfPhone(input.phone);
  const countryZone = country ? singleZoneOfCountry(country) : undefined;
  if (countryZone) return { zone: countryZone, source: "phone_country" };

  return { zone: normalizeTimeZone(input.workspaceTimezone) ?? FALLBACK_ZONE, source: "workspace" };
}

/** The zone of a country whose zones all keep the same time, else undefined. */
export function singleZoneOfCountry(country: string): string | undefined {
  const zones = getTimezonesForCountry(country.toUpperCase()) ?? [];
  const first = zones[0];
  if (!first) return undefined;
  const sameTime = zones.every((z) => z.utcOffset === first.utcOffset && z.dstOffset === first.dstOffset);
  return sameTime ? normalizeTimeZone(first.name) : undefined;
}

/** Zone names seen so far: building an Intl.DateTimeFormat costs more than every send's other checks. */
const canonicalCache = new Map<string, string | undefined>();

function canonicalCase(name: string): string | undefined {
  if (canonicalCache.has(name)) return canonicalCache.get(name);
  // IANA names start with a letter; this also keeps out offsets that newer runtimes accept.
  let resolved: string | undefined;
  if (/^[A-Za-z]/.test(name)) {
    try {
      resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      resolved = undefined;
    }
  }
  if (canonicalCache.size < 10_000) canonicalCache.set(name, resolved);
  return resolved;
}
