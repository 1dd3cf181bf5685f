/**
 * The template gallery: ready-made journeys a workspace can start from. Each template is one
 * `switchboard.journey/v1` document in this folder; this module adds what the gallery shows
 * (title, category, summary). Documents are parsed when the module loads, so a template that
 * drifts from the schema breaks the build and every test importing it, not a user's click.
 */
import { z } from "zod";
import { type Journey, JourneySchema } from "../schema";
import appointmentReminder from "./appointment-reminder.json";
import bankingOtpAlert from "./banking-otp-alert.json";
import emailUnopenedSmsReminder from "./email-unopened-sms-reminder.json";
import orderConfirmation from "./order-confirmation.json";
import shipmentUpdates from "./shipment-updates.json";
import supportTicketUpdates from "./support-ticket-updates.json";
import winbackQuietHours from "./winback-quiet-hours.json";

export const TEMPLATE_CATEGORIES = ["E-commerce", "Banking", "Healthcare", "Logistics", "Support", "Billing", "Marketing"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export type JourneyTemplate = {
  /** The document's `key`; also the journey key a new journey made from it starts with. */
  key: string;
  title: string;
  category: TemplateCategory;
  /** One or two sentences for the gallery card. */
  summary: string;
  /**
   * Shared by every caller: copy it (`structuredClone`) before changing it, e.g. to rename the
   * key for a workspace.
   */
  document: Journey;
};

type TemplateMeta = Omit<JourneyTemplate, "key" | "document">;

function template(file: string, json: unknown, meta: TemplateMeta): JourneyTemplate {
  const parsed = JourneySchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Journey template ${file} does not match the journey format:\n${z.prettifyError(parsed.error)}`);
  }
  return { key: parsed.data.key, ...meta, document: parsed.data };
}

export const TEMPLATES: readonly JourneyTemplate[] = [
  template("order-confirmation.json", orderConfirmation, {
    title: "Order confirmation",
    category: "E-commerce",
    summary: "Confirm every order on WhatsApp, with an SMS when WhatsApp has not delivered within 5 minutes.",
  }),
  template("banking-otp-alert.json", bankingOtpAlert, {
    title: "Payment verification code and alert",
    category: "Banking",
    summary:
      "An urgent one-time code by SMS (voice call as backup), then a push alert once the payment is approved, repeated by SMS if unread after 10 minutes.",
  }),
  template("appointment-reminder.json", appointmentReminder, {
    title: "Appointment reminder",
    category: "Healthcare",
    summary: "A push reminder 24 hours before the appointment and an SMS if it is not read; never at night, and cancelled with the booking.",
  }),
  template("shipment-updates.json", shipmentUpdates, {
    title: "Shipment updates",
    category: "Logistics",
    summary: "Dispatch notice on WhatsApp with SMS fallback, an 'arriving today' SMS, and a delivery confirmation email.",
  }),
  template("support-ticket-updates.json", supportTicketUpdates, {
    title: "Support ticket updates",
    category: "Support",
    summary: "Email each agent update and follow up by SMS if it is unopened after 4 hours; urgent tickets get an SMS at once.",
  }),
  template("email-unopened-sms-reminder.json", emailUnopenedSmsReminder, {
    title: "Invoice with SMS reminder",
    category: "Billing",
    summary: "Email the invoice and send an SMS reminder on the next weekday morning if it is unopened after 24 hours; payment ends the journey.",
  }),
  template("winback-quiet-hours.json", winbackQuietHours, {
    title: "Win-back offer",
    category: "Marketing",
    summary:
      "A weekly offer email to lapsed customers, then an SMS at 10:00 local time on a weekday to half of the non-openers, with a holdout to measure it.",
  }),
];
