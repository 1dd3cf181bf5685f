import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeSms } from "@/server/channels/sms/segments";
import { renderTemplate, type TemplateScope, templateVariables } from "../liquid";
import { type Journey, JourneySchema } from "../schema";
import { validateJourney } from "../validate";
import { TEMPLATES } from "./index";

const here = fileURLToPath(new URL(".", import.meta.url));

const ROW = 140;
const LANE = 260;

/**
 * Realistic, longish values for what each template reads, so the SMS length checks measure what
 * a customer would actually receive rather than the template text.
 */
const SAMPLE_PROFILE = { id: "cus_000482", first_name: "Alexandra", winback_code: "BACK15-7KQ2" };
const SAMPLE_EVENTS: Record<string, Record<string, unknown>> = {
  "order-confirmation": {
    order_id: "100482731",
    item_count: 3,
    total: "£184.50",
    order_url: "https://shop.example.com/orders/100482731",
  },
  "banking-otp-alert": {
    otp: "482913",
    amount: "£1,249.90",
    merchant: "ELECTROWORLD LONDON",
    card_last4: "4821",
    fraud_phone: "0345 600 1234",
    transaction_url: "https://bank.example.com/tx/9f3a2c",
  },
  "appointment-reminder": {
    appointment_at: "2026-05-14T09:30:00+01:00",
    appointment_date: "Thu 14 May",
    appointment_time: "09:30",
    clinic_name: "Riverside Family Clinic",
    practitioner_name: "Dr Amelia Hartley",
    manage_url: "https://clinic.example.com/a/8KQ2XP",
  },
  "shipment-updates": {
    merchant: "Northwind Outdoor",
    carrier: "ParcelRoute",
    tracking_number: "PR4829301GB",
    eta_date: "Wed 13 May",
    tracking_url: "https://track.example.com/PR4829301GB",
  },
  "support-ticket-updates": {
    ticket_id: "58213",
    ticket_subject: "Refund not received",
    ticket_url: "https://help.example.com/t/58213",
    agent_name: "Priya",
    message: "We have issued the refund; it should reach your account within 3 working days.",
    status: "Waiting on you",
    priority: "urgent",
    author_type: "agent",
  },
  "email-unopened-sms-reminder": {
    invoice_number: "INV-2026-00481",
    amount_due: "£1,240.00",
    due_date: "30 May 2026",
    pay_url: "https://pay.example.com/i/7Hq2Lm",
  },
  "winback-quiet-hours": {},
};

function scopeFor(journey: Journey): TemplateScope {
  return {
    profile: SAMPLE_PROFILE,
    event: SAMPLE_EVENTS[journey.key] ?? {},
    journey: { key: journey.key, name: journey.name },
  };
}

function sendsOf(journey: Journey) {
  return journey.nodes.flatMap((node) => (node.type === "send" ? [node] : []));
}

/** Every Liquid string of every send, with where it lives. */
function templateStrings(journey: Journey): { where: string; src: string }[] {
  return sendsOf(journey).flatMap((node) =>
    Object.entries(node.config.content).flatMap(([field, value]) => {
      if (typeof value === "string") return [{ where: `${node.id}.${field}`, src: value }];
      if (Array.isArray(value)) return value.map((src, i) => ({ where: `${node.id}.${field}[${i}]`, src: String(src) }));
      return [];
    }),
  );
}

function hasPath(scope: TemplateScope, path: string): boolean {
  let value: unknown = scope;
  for (const segment of path.split(".")) {
    if (typeof value !== "object" || value === null || !(segment in value)) return false;
    value = (value as Record<string, unknown>)[segment];
  }
  return true;
}

describe("journey template gallery", () => {
  it("holds the seven templates, each under a unique key equal to its document's key", () => {
    const keys = TEMPLATES.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([
      "order-confirmation",
      "banking-otp-alert",
      "appointment-reminder",
      "shipment-updates",
      "support-ticket-updates",
      "email-unopened-sms-reminder",
      "winback-quiet-hours",
    ]);
    for (const t of TEMPLATES) expect(t.document.key).toBe(t.key);
  });

  it("lists every JSON file of this folder, each named after its key", () => {
    const files = readdirSync(here).filter((f) => f.endsWith(".json"));
    expect(files.map((f) => f.replace(/\.json$/, "")).sort()).toEqual(TEMPLATES.map((t) => t.key).sort());
    for (const file of files) {
      const raw: unknown = JSON.parse(readFileSync(join(here, file), "utf8"));
      expect(JourneySchema.parse(raw).key).toBe(file.replace(/\.json$/, ""));
    }
  });

  it("has a sample event for every template (the SMS length checks below rely on them)", () => {
    expect(Object.keys(SAMPLE_EVENTS).sort()).toEqual(TEMPLATES.map((t) => t.key).sort());
  });

  describe.each(TEMPLATES.map((t) => [t.key, t] as const))("%s", (_key, { document, title, summary }) => {
    it("parses as written and passes validation with no errors and no warnings", () => {
      const result = validateJourney(document);
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.journey).toEqual(JourneySchema.parse(document));
    });

    it("has gallery text and a description", () => {
      expect(title.trim()).not.toBe("");
      expect(summary.trim()).not.toBe("");
      expect(document.description?.trim()).toBeTruthy();
    });

    it("has a send whose fallback leads somewhere", () => {
      const withFallback = sendsOf(document).filter((node) =>
        document.edges.some((e) => e.source === node.id && e.sourceHandle === "fallback"),
      );
      expect(withFallback.length).toBeGreaterThan(0);
    });

    it("uses snake_case node ids and edge ids e1…eN in order", () => {
      for (const node of document.nodes) expect(node.id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(document.edges.map((e) => e.id)).toEqual(document.edges.map((_, i) => `e${i + 1}`));
    });

    it("is laid out top-down on a 140 px row grid, with fallbacks in a lane to the right", () => {
      const positions = new Map(document.nodes.map((n) => [n.id, n.position]));
      const occupied = new Set<string>();
      for (const { id, position } of document.nodes) {
        expect(Number.isInteger(position.y / ROW), `${id} row`).toBe(true);
        expect(Number.isInteger(position.x / LANE), `${id} lane`).toBe(true);
        const cell = `${position.x},${position.y}`;
        expect(occupied.has(cell), `${id} overlaps another node`).toBe(false);
        occupied.add(cell);
      }
      for (const edge of document.edges) {
        const from = positions.get(edge.source);
        const to = positions.get(edge.target);
        if (!from || !to) throw new Error(`edge ${edge.id} names a missing node`);
        expect(to.y, `edge ${edge.id} points down`).toBeGreaterThan(from.y);
        if (edge.sourceHandle === "fallback") expect(to.x, `fallback ${edge.id} goes right`).toBeGreaterThan(from.x);
      }
    });

    it("greets by first name with a fallback", () => {
      expect(templateStrings(document).some(({ src }) => src.includes("profile.first_name | default: 'there'"))).toBe(true);
    });

    it("reads only data its sample provides, and every template renders", () => {
      const scope = scopeFor(document);
      for (const { where, src } of templateStrings(document)) {
        for (const path of templateVariables(src)) expect(hasPath(scope, path), `${where} reads ${path}`).toBe(true);
        expect(renderTemplate(src, scope).trim(), where).not.toBe("");
      }
    });

    it("keeps every SMS to one GSM-7 segment once filled in, with opt-out wording when marketing", () => {
      const scope = scopeFor(document);
      for (const node of sendsOf(document)) {
        if (node.config.channel !== "sms") continue;
        const sms = analyzeSms(renderTemplate(node.config.content.body, scope));
        expect({ node: node.id, encoding: sms.encoding, segments: sms.segments }).toEqual({
          node: node.id,
          encoding: "GSM-7",
          segments: 1,
        });
        if ((node.config.purpose ?? document.purpose) === "marketing") {
          expect(node.config.content.body).toMatch(/Reply STOP to opt out/);
        }
      }
    });
  });
});
