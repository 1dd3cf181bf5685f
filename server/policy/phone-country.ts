import { parsePhoneNumberFromString } from "libphonenumber-js";

/** The ISO 3166-1 alpha-2 country of a phone number (E.164 expected), or undefined. */
export function countryOfPhone(phone: string | null | undefined): string | undefined {
  if (!phone) return undefined;
  return parsePhoneNumberFromString(phone.trim())?.country;
}
