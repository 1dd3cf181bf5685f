/**
 * SMS sender IDs: which registered sender a message leaves from.
 *
 * A sender qualifies for a send when it is approved, its format is valid for its kind, it
 * covers the recipient's country (or "*"), it is allowed for the purpose (no `purposes` means
 * all), and it is not alphanumeric in a country whose networks reject alphanumeric senders.
 * The node's requested sender (matched by id or by value) is used when it qualifies; otherwise
 * the best qualifying sender: one registered for the country before a "*" one, one restricted
 * to this purpose before an unrestricted one, then list order.
 *
 * When the recipient's country is unknown, only "*" senders that are not alphanumeric qualify,
 * since nothing shows the alphanumeric one would be accepted.
 */
import { z } from "zod";
import { PurposeSchema, type Purpose } from "@/server/journey/schema";

export const SENDER_ID_KINDS = ["alphanumeric", "long_code", "short_code", "toll_free"] as const;
export type SenderIdKind = (typeof SENDER_ID_KINDS)[number];

export const SenderIdSchema = z.object({
  id: z.string().min(1),
  value: z.string().min(1),
  kind: z.enum(SENDER_ID_KINDS),
  /** ISO 3166-1 alpha-2 codes, or "*" for every country. */
  countries: z.union([z.array(z.string().regex(/^[A-Za-z]{2}$/, "Use two-letter country codes")), z.literal("*")]),
  status: z.enum(["pending", "approved", "rejected"]),
  purposes: z.array(PurposeSchema).optional(),
});
export type SenderId = z.infer<typeof SenderIdSchema>;

/**
 * Countries whose networks do not support alphanumeric sender IDs (Twilio's country
 * guidelines: "Alphanumeric: Not Supported"; Telnyx says the same).
 */
export const ALPHANUMERIC_FORBIDDEN_COUNTRIES: ReadonlySet<string> = new Set(["US", "CA", "PR"]);

export type FormatCheck = { ok: true } | { ok: false; message: string };

export function validateSenderIdFormat(value: string, kind: SenderIdKind): FormatCheck {
  switch (kind) {
    case "alphanumeric":
      if (value.length < 1 || value.length > 11) {
        return {
          ok: false,
          message: `An alphanumeric sender ID has 1–11 characters; "${value}" has ${value.length}.`,
        };
      }
      if (!/^[A-Za-z0-9 ]+$/.test(value)) {
        return { ok: false, message: "An alphanumeric sender ID may use only letters A–Z, digits and spaces." };
      }
      if (!/[A-Za-z]/.test(value)) {
        return {
          ok: false,
          message: "An alphanumeric sender ID needs at least one letter; an all-digit ID is a number.",
        };
      }
      return { ok: true };
    case "long_code":
    case "toll_free": {
      if (/^\+[1-9]\d{1,14}$/.test(value)) return { ok: true };
      const what = kind === "toll_free" ? "A toll-free number" : "A long code";
      return {
        ok: false,
        message: `${what} is an E.164 number: "+", the country code, then at most 15 digits in all (e.g. +14155550123).`,
      };
    }
    case "short_code":
      return /^\d{3,8}$/.test(value) ? { ok: true } : { ok: false, message: "A short code is 3–8 digits." };
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

export type SenderChoice = { ok: true; sender: SenderId } | { ok: false; reason: "no_sender_id" };

export function chooseSenderId(
  send: { country?: string | null; purpose: Purpose; requested?: string | null },
  senders: readonly SenderId[],
): SenderChoice {
  const country = send.country?.toUpperCase();
  const usable = senders.filter((s) => qualifies(s, country, send.purpose));

  const requested = send.requested
    ? usable.find((s) => s.id === send.requested || s.value === send.requested)
    : undefined;
  if (requested) return { ok: true, sender: requested };

  const best = usable
    .map((sender, index) => ({ sender, index, rank: rank(sender, send.purpose) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)[0];
  return best ? { ok: true, sender: best.sender } : { ok: false, reason: "no_sender_id" };
}

function qualifies(sender: SenderId, country: string | undefined, purpose: Purpose): boolean {
  if (sender.status !== "approved") return false;
  if (!validateSenderIdFormat(sender.value, sender.kind).ok) return false;
  if (sender.purposes && !sender.purposes.includes(purpose)) return false;
  const alphanumeric = sender.kind === "alphanumeric";
  if (country === undefined) return sender.countries === "*" && !alphanumeric;
  if (alphanumeric && ALPHANUMERIC_FORBIDDEN_COUNTRIES.has(country)) return false;
  return sender.countries === "*" || sender.countries.some((c) => c.toUpperCase() === country);
}

/** Lower is better: country-specific before "*", then purpose-specific before unrestricted. */
function rank(sender: SenderId, purpose: Purpose): number {
  const countryRank = sender.countries === "*" ? 2 : 0;
  const purposeRank = sender.purposes?.includes(purpose) ? 0 : 1;
  return countryRank + purposeRank;
}
