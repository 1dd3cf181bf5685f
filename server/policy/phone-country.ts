import { parsePhoneNumberFromString } from "libphonenumber-js";

/** Parsing is costly and every send and step asks again for the same recipients. */
const CACHE_LIMIT = 10_000;
const cache = new Map<string, string | undefined>();

/** The ISO 3166-1 alpha-2 country of a phone number (E.164 expected), or undefined. */
export function countryOfPhone(phone: string | null | undefined): string | undefined {
  if (!phone) return undefined;
  const key = phone.trim();
  if (cache.has(key)) return cache.get(key);
  const country = parsePhoneNumberFromString(key)?.country;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, country);
  return country;
}
