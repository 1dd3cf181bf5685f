/**
 * Deterministic demo people: ~200 profiles across countries and time zones, with valid E.164
 * mobile numbers, emails, attributes and a realistic mix of consents. Same output every run.
 */
import { getExampleNumber, isValidPhoneNumber } from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import type { Channel, Purpose } from "@/server/journey/schema";

type CountrySpec = { country: string; zones: string[]; locale: string; first: string[]; last: string[]; cities: string[] };

const COUNTRIES: CountrySpec[] = [
  { country: "US", zones: ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"], locale: "en-US",
    first: ["Emma", "Liam", "Olivia", "Noah", "Ava", "Mason", "Sophia", "Ethan"], last: ["Johnson", "Smith", "Garcia", "Brown", "Miller", "Davis"], cities: ["New York", "Chicago", "Denver", "Los Angeles"] },
  { country: "GB", zones: ["Europe/London"], locale: "en-GB",
    first: ["Oliver", "Amelia", "George", "Isla", "Harry", "Poppy"], last: ["Taylor", "Wilson", "Evans", "Thomas", "Roberts"], cities: ["London", "Leeds", "Bristol"] },
  { country: "FR", zones: ["Europe/Paris"], locale: "fr-FR",
    first: ["Léa", "Hugo", "Chloé", "Louis", "Manon", "Jules"], last: ["Martin", "Bernard", "Dubois", "Moreau", "Laurent"], cities: ["Paris", "Lyon", "Marseille"] },
  { country: "DE", zones: ["Europe/Berlin"], locale: "de-DE",
    first: ["Mia", "Ben", "Hannah", "Paul", "Lena", "Finn"], last: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber"], cities: ["Berlin", "Hamburg", "München"] },
  { country: "IN", zones: ["Asia/Kolkata"], locale: "en-IN",
    first: ["Aarav", "Diya", "Vihaan", "Ananya", "Arjun", "Isha"], last: ["Sharma", "Patel", "Iyer", "Reddy", "Gupta"], cities: ["Mumbai", "Bengaluru", "Delhi"] },
  { country: "AE", zones: ["Asia/Dubai"], locale: "en-AE",
    first: ["Omar", "Layla", "Yousef", "Mariam", "Khalid"], last: ["Al Mansoori", "Haddad", "Khan", "Nasser"], cities: ["Dubai", "Abu Dhabi"] },
  { country: "BR", zones: ["America/Sao_Paulo"], locale: "pt-BR",
    first: ["Miguel", "Helena", "Arthur", "Alice", "Gael"], last: ["Silva", "Santos", "Oliveira", "Souza"], cities: ["São Paulo", "Rio de Janeiro"] },
  { country: "AU", zones: ["Australia/Sydney", "Australia/Perth"], locale: "en-AU",
    first: ["Charlotte", "Jack", "Matilda", "William", "Ruby"], last: ["Nguyen", "Kelly", "White", "Walker"], cities: ["Sydney", "Perth"] },
  { country: "ES", zones: ["Europe/Madrid"], locale: "es-ES",
    first: ["Lucía", "Mateo", "Sofía", "Martín", "Paula"], last: ["García", "Fernández", "López", "Martínez"], cities: ["Madrid", "Barcelona", "Sevilla"] },
  { country: "JP", zones: ["Asia/Tokyo"], locale: "ja-JP",
    first: ["Haruto", "Yui", "Sota", "Hina", "Ren"], last: ["Sato", "Suzuki", "Takahashi", "Tanaka"], cities: ["Tokyo", "Osaka"] },
];

export type DemoProfile = {
  externalId: string;
  phone: string;
  email: string;
  whatsapp: string | null;
  timezone: string | null;
  locale: string;
  country: string;
  attributes: Record<string, unknown>;
  consents: { channel: Channel; purpose: Purpose; status: "opted_in" | "opted_out" }[];
};

/** mulberry32: a tiny seeded PRNG, so the demo data is the same on every machine. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mobileNumber(country: string, random: () => number): string {
  const example = getExampleNumber(country as Parameters<typeof getExampleNumber>[0], examples)!.number;
  for (let attempt = 0; attempt < 50; attempt++) {
    const keep = example.length - 6;
    let candidate = example.slice(0, keep);
    for (let i = 0; i < 6; i++) candidate += Math.floor(random() * 10);
    if (isValidPhoneNumber(candidate)) return candidate;
  }
  return example;
}

const slug = (s: string) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]+/g, "");

export function demoProfiles(count = 200): DemoProfile[] {
  const random = prng(20261126);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: DemoProfile[] = [];
  for (let i = 0; i < count; i++) {
    const spec = COUNTRIES[i % COUNTRIES.length]!;
    const first = pick(spec.first);
    const last = pick(spec.last);
    const phone = mobileNumber(spec.country, random);
    const hasWhatsapp = random() < 0.7;
    // A fifth of the profiles have no stored time zone, so the phone number's country decides.
    const timezone = random() < 0.8 ? pick(spec.zones) : null;
    const consents: DemoProfile["consents"] = [];
    if (random() < 0.6) consents.push({ channel: "email", purpose: "marketing", status: "opted_in" });
    if (random() < 0.45) consents.push({ channel: "sms", purpose: "marketing", status: "opted_in" });
    if (hasWhatsapp && random() < 0.4) consents.push({ channel: "whatsapp", purpose: "marketing", status: "opted_in" });
    if (random() < 0.05) consents.push({ channel: "sms", purpose: "marketing", status: "opted_out" });
    out.push({
      externalId: `cust_${String(i + 1).padStart(4, "0")}`,
      phone,
      email: `${slug(first)}.${slug(last)}${i + 1}@example.com`,
      whatsapp: hasWhatsapp ? phone : null,
      timezone,
      locale: spec.locale,
      country: spec.country,
      attributes: {
        first_name: first,
        last_name: last,
        city: pick(spec.cities),
        tier: pick(["bronze", "silver", "gold"] as const),
        lifetime_value: Math.round(random() * 2_000_00) / 100,
        orders: Math.floor(random() * 30),
      },
      consents,
    });
  }
  return out;
}
