/**
 * One line that says where a message stands and why, for people: "Suppressed: The recipient
 * opted out of this channel", "Deferred: Quiet hours in the recipient's time zone until 08:00
 * on 14 May (Europe/Paris)". Deferral times are shown in the recipient's zone, the zone the
 * quiet-hours decision was made in.
 */
import { DateTime } from "luxon";
import { describeReason } from "@/server/policy/reasons";

const STATUS_LABELS: Readonly<Record<string, string>> = {
  pending: "Pending",
  deferred: "Deferred",
  sending: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  opened: "Opened",
  clicked: "Clicked",
  replied: "Replied",
  answered: "Answered",
  failed: "Failed",
  undelivered: "Undelivered",
  suppressed: "Suppressed",
  cancelled: "Cancelled",
};

/** "Delivered" for `delivered`; statuses this version does not know are shown as stored. */
export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

export type MessageStatusFacts = {
  status: string;
  reason?: string | null;
  deferredUntil?: Date | string | null;
};

export function describeMessageStatus(message: MessageStatusFacts, zone: string): string {
  const label = statusLabel(message.status);
  const reason = message.reason ? describeReason(message.reason) : undefined;
  const until = message.status === "deferred" && message.deferredUntil ? formatUntil(message.deferredUntil, zone) : undefined;
  if (!reason) return until ? `${label} until ${until}` : label;
  return until ? `${label}: ${reason} until ${until}` : `${label}: ${reason}`;
}

function formatUntil(value: Date | string, zone: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  const local = DateTime.fromJSDate(date, { zone });
  if (!local.isValid) return date.toISOString();
  return `${local.toFormat("HH:mm")} on ${local.toFormat("d LLL yyyy")} (${zone})`;
}
