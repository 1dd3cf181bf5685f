import type { SenderIdStatus } from "@/server/compliance/sender-id-status";
import type { SenderIdKind } from "@/server/policy/sender-id";

export const SENDER_KIND_LABELS: Record<SenderIdKind, string> = {
  alphanumeric: "Alphanumeric",
  long_code: "Long code",
  short_code: "Short code",
  toll_free: "Toll-free",
};

/** What the value of each kind looks like, shown under the value box. */
export const SENDER_KIND_HINTS: Record<SenderIdKind, string> = {
  alphanumeric: "1–11 letters, digits or spaces, with at least one letter. Not supported in the US, Canada or Puerto Rico.",
  long_code: "An E.164 number: +, the country code and the number, e.g. +14155550123.",
  short_code: "3–8 digits, e.g. 12345.",
  toll_free: "An E.164 number, e.g. +18005550100.",
};

export const SENDER_STATUS_LABELS: Record<SenderIdStatus, string> = {
  pending: "Pending registration",
  approved: "Approved",
  rejected: "Rejected",
};
