/**
 * The countries box of the sender-ID form: "*" for every country, or ISO codes separated by
 * commas or spaces ("GB, FR DE"). Checking the codes is the server's job (sender-id-input.ts).
 */
export function parseCountryList(text: string): "*" | string[] {
  const trimmed = text.trim();
  if (trimmed === "*") return "*";
  return trimmed
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
}

export function formatCountryList(countries: "*" | readonly string[]): string {
  return countries === "*" ? "Every country" : countries.join(", ");
}
