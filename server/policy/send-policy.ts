/**
 * A workspace's send policy: one shape for the jsonb column, the admin form and the engine.
 * Parsing `{}` gives the defaults; unknown keys are dropped so older rows keep parsing.
 */
import { z } from "zod";
import { CapSchema, DEFAULT_CAPS } from "./frequency-caps";
import { DEFAULT_QUIET_WINDOW, QuietWindowSchema } from "./quiet-hours";
import { isValidTimeZone } from "./timezone";

export const DEFAULT_HELP_TEXT = "Reply STOP to opt out, START to opt back in. Msg & data rates may apply.";

export const SendPolicySchema = z.object({
  /** Used for recipients whose own zone cannot be told (see resolveRecipientTimezone). */
  timezone: z
    .string()
    .refine(isValidTimeZone, { message: "Use an IANA time zone such as Europe/Paris" })
    .default("UTC"),
  /** The workspace's quiet window (start to end, wrapping midnight). */
  quietHours: QuietWindowSchema.default(() => ({ ...DEFAULT_QUIET_WINDOW })),
  caps: z.array(CapSchema).default(() => DEFAULT_CAPS.map((cap) => ({ ...cap }))),
  /** The automatic reply to HELP/INFO. */
  helpText: z.string().trim().min(1).max(320).default(DEFAULT_HELP_TEXT),
});
export type SendPolicy = z.infer<typeof SendPolicySchema>;
export type SendPolicyInput = z.input<typeof SendPolicySchema>;

export function parseSendPolicy(value: unknown): SendPolicy {
  return SendPolicySchema.parse(value ?? {});
}
