/**
 * What an admin types to register a sender ID, checked before it reaches the table the engine
 * reads: the format for its kind (validateSenderIdFormat), real ISO country codes, and no
 * alphanumeric sender where networks reject them. Issues carry the field they belong to, so
 * the form can show each one beside its input.
 */
import { getCountry } from "countries-and-timezones";
import { z } from "zod";
import { PURPOSES, PurposeSchema } from "@/server/journey/schema";
import { ALPHANUMERIC_FORBIDDEN_COUNTRIES, SENDER_ID_KINDS, validateSenderIdFormat, type SenderIdKind } from "@/server/policy/sender-id";

export const SenderIdInputSchema = z
  .object({
    value: z.string().trim().min(1, "Enter the sender ID").max(32, "A sender ID is at most 11 characters, or a number of at most 15 digits"),
    kind: z.enum(SENDER_ID_KINDS),
    /** "*" for every country, or ISO 3166-1 alpha-2 codes. */
    countries: z.union([
      z.literal("*"),
      z.array(z.string().trim()).min(1, "List at least one country code, or choose every country"),
    ]),
    /** Absent or empty: usable for every purpose. */
    purposes: z.array(PurposeSchema).optional(),
  })
  .transform((input) => ({
    value: normalizeSenderValue(input.value, input.kind),
    kind: input.kind,
    countries: input.countries === "*" ? ("*" as const) : [...new Set(input.countries.map((c) => c.toUpperCase()))],
    purposes: normalizePurposes(input.purposes),
  }))
  .superRefine((input, ctx) => {
    const format = validateSenderIdFormat(input.value, input.kind);
    if (!format.ok) ctx.addIssue({ code: "custom", path: ["value"], message: format.message });
    const countriesIssue = countriesProblem(input.countries, input.kind);
    if (countriesIssue) ctx.addIssue({ code: "custom", path: ["countries"], message: countriesIssue });
  });
export type SenderIdInput = z.input<typeof SenderIdInputSchema>;
export type ValidSenderId = z.output<typeof SenderIdInputSchema>;

/**
 * Numbers are often pasted with spaces, dashes or brackets ("+1 (415) 555-0123"); those are
 * dropped. Alphanumeric IDs keep their inner spaces, which are part of the ID.
 */
export function normalizeSenderValue(value: string, kind: SenderIdKind): string {
  const trimmed = value.trim();
  return kind === "alphanumeric" ? trimmed : trimmed.replace(/[\s().-]/g, "");
}

/** Both purposes listed means the same as none: usable for all. */
function normalizePurposes(purposes: readonly (typeof PURPOSES)[number][] | undefined) {
  const unique = [...new Set(purposes ?? [])];
  return unique.length === 0 || unique.length === PURPOSES.length ? undefined : unique;
}

function countriesProblem(countries: "*" | readonly string[], kind: SenderIdKind): string | undefined {
  const alphanumeric = kind === "alphanumeric";
  if (countries === "*") {
    // "Every country" includes the ones that refuse alphanumeric senders, and these IDs are
    // registered country by country anyway.
    return alphanumeric
      ? "Alphanumeric sender IDs are not supported in the US, Canada or Puerto Rico: list the countries this one is registered in instead of every country."
      : undefined;
  }
  const unknown = countries.filter((c) => !/^[A-Z]{2}$/.test(c) || !getCountry(c));
  if (unknown.length > 0) {
    return `${unknown.map((c) => `"${c}"`).join(", ")} ${unknown.length === 1 ? "is not an ISO country code" : "are not ISO country codes"}: use two letters, e.g. GB, FR, US.`;
  }
  const refused = alphanumeric ? countries.filter((c) => ALPHANUMERIC_FORBIDDEN_COUNTRIES.has(c)) : [];
  if (refused.length > 0) {
    const names = refused.map((c) => `${getCountry(c)?.name ?? c} (${c})`).join(", ");
    return `Alphanumeric sender IDs are not supported in ${names}: use a long code, toll-free number or short code there.`;
  }
  return undefined;
}
