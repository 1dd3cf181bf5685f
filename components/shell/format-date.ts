const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

/**
 * A date and time for tables. Server components pass `timeZone: "UTC"` (the server's own zone
 * means nothing to the reader) and get the zone named; client components show local time.
 */
export function formatDateTime(value: Date | string, timeZone?: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  const text = new Intl.DateTimeFormat("en-GB", { ...DATE_TIME, timeZone }).format(date);
  return timeZone === "UTC" ? `${text} UTC` : text;
}

export function toIsoString(value: Date | string): string {
  return typeof value === "string" ? new Date(value).toISOString() : value.toISOString();
}
