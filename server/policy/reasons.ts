/**
 * Why a send was suppressed or deferred: machine strings stored on the message, and the labels
 * people see in the UI.
 */
import { countryRuleReasonLabels } from "./country-send-rules";
import type { QuietHoursReason } from "./quiet-hours";

export const SUPPRESSION_REASONS = ["no_address", "opted_out", "no_opt_in", "no_sender_id", "frequency_cap"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export type DeferralReason = QuietHoursReason;

const SUPPRESSION_LABELS: Record<SuppressionReason, string> = {
  no_address: "No address for this channel on the profile",
  opted_out: "The recipient opted out of this channel",
  no_opt_in: "No marketing opt-in for this channel",
  no_sender_id: "No approved sender ID for the recipient's country",
  frequency_cap: "Frequency cap reached",
};

const DEFERRAL_LABELS: ReadonlyMap<DeferralReason, string> = new Map<DeferralReason, string>([
  ["quiet_hours", "Quiet hours in the recipient's time zone"],
  ...countryRuleReasonLabels(),
]);

/** Every deferral reason the policy can give: workspace quiet hours and each country rule. */
export const DEFERRAL_REASONS: readonly DeferralReason[] = [...DEFERRAL_LABELS.keys()];

/** Reasons the engine records beyond policy decisions: delivery failures and cancellations. */
const ENGINE_LABELS: Record<string, string> = {
  run_ended: "Cancelled: the journey run ended before it could be sent",
  provider_unavailable: "The provider could not be reached after retries",
  provider_error: "The provider refused the message",
};

/** A label for any stored reason; unknown ones (e.g. from a newer version) are shown as they are. */
export function describeReason(reason: string): string {
  const [base, code] = reason.split(":", 2) as [string, string | undefined];
  if (base === "provider_error") return code ? `${ENGINE_LABELS.provider_error} (code ${code})` : ENGINE_LABELS.provider_error!;
  return (
    (SUPPRESSION_LABELS as Record<string, string | undefined>)[reason] ??
    DEFERRAL_LABELS.get(reason as DeferralReason) ??
    ENGINE_LABELS[reason] ??
    reason
  );
}
