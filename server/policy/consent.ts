/**
 * Consent: which channels and purposes a profile may be messaged on.
 *
 * The ledger is append-only; the current state is the latest record per channel and purpose.
 *
 * How purposes interact (the decision this module encodes):
 * - An opt-out is channel-wide. An `opted_out` fact under *either* purpose blocks *every*
 *   purpose on that channel. Integrators that sync "SMS unsubscribed" as a single marketing
 *   record therefore still stop transactional SMS, which is what the carriers do after STOP
 *   (Twilio error 21610 blocks everything from that sender).
 * - An opt-in lifts only its own channel and purpose. To re-subscribe a channel, record an
 *   opt-in for each purpose that was opted out; `keywordConsentRecords` does this for START.
 * - STOP-style keywords record an opt-out for both purposes, so `consent` conditions in a
 *   journey read the same for either purpose, and START can reverse it record for record.
 * - Marketing needs an explicit opt-in; transactional needs none (the relationship that
 *   triggers it is the basis), only the absence of an opt-out.
 */
import type { ConsentFact } from "@/server/journey/context";
import { PURPOSES, type Channel, type Purpose } from "@/server/journey/schema";
import type { InboundKind } from "./keywords";

export type ConsentStatus = ConsentFact["status"];

/** One row of the append-only ledger. `at` is the instant the recipient consented or revoked. */
export type ConsentRecord = ConsentFact & { source: string; at: Date | string };

/** The latest record per channel and purpose; on equal `at`, the later record in the list wins. */
export function currentConsents(records: readonly ConsentRecord[]): ConsentFact[] {
  const latest = new Map<string, { fact: ConsentFact; at: number }>();
  for (const record of records) {
    const key = `${record.channel}:${record.purpose}`;
    const at = new Date(record.at).getTime();
    if (Number.isNaN(at)) throw new Error(`Consent record for ${key} has an invalid time: ${String(record.at)}`);
    const seen = latest.get(key);
    if (!seen || at >= seen.at) {
      latest.set(key, { fact: { channel: record.channel, purpose: record.purpose, status: record.status }, at });
    }
  }
  return [...latest.values()].map((v) => v.fact);
}

export type ConsentCheck = { ok: true } | { ok: false; reason: "no_opt_in" | "opted_out" };

export function checkConsent(
  send: { channel: Channel; purpose: Purpose },
  facts: readonly ConsentFact[],
): ConsentCheck {
  const onChannel = facts.filter((f) => f.channel === send.channel);
  if (onChannel.some((f) => f.status === "opted_out")) return { ok: false, reason: "opted_out" };
  if (send.purpose === "marketing" && !onChannel.some((f) => f.purpose === "marketing" && f.status === "opted_in")) {
    return { ok: false, reason: "no_opt_in" };
  }
  return { ok: true };
}

/**
 * The ledger records an inbound keyword adds: an opt-out or opt-in for both purposes of the
 * channel it arrived on (see the module comment). START/UNSTOP/YES is the recipient asking to
 * receive that channel again, so it restores both purposes. HELP changes nothing, and neither
 * does `revocation_intent`: an admin reviews it and records the opt-out through the API.
 */
export function keywordConsentRecords(input: {
  kind: InboundKind;
  channel: Channel;
  at: Date | string;
  source: string;
}): ConsentRecord[] {
  const status: ConsentStatus | undefined =
    input.kind === "opt_out" ? "opted_out" : input.kind === "opt_in" ? "opted_in" : undefined;
  if (!status) return [];
  return PURPOSES.map((purpose) => ({ channel: input.channel, purpose, status, source: input.source, at: input.at }));
}
