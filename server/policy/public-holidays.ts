/**
 * Public (statutory) holidays by country, from date-holidays. Only `public` days count:
 * observances such as Mother's Day and regional days (Alsace-Moselle's Good Friday) do not.
 */
import Holidays from "date-holidays";

const byCountryYear = new Map<string, ReadonlySet<string>>();

/** True when `isoDate` (YYYY-MM-DD, a local calendar date) is a public holiday in `country`. */
export function isPublicHoliday(country: string, isoDate: string): boolean {
  const key = `${country.toUpperCase()}:${isoDate.slice(0, 4)}`;
  let dates = byCountryYear.get(key);
  if (!dates) {
    dates = publicHolidayDates(country.toUpperCase(), Number(isoDate.slice(0, 4)));
    byCountryYear.set(key, dates);
  }
  return dates.has(isoDate);
}

function publicHolidayDates(country: string, year: number): ReadonlySet<string> {
  const calendar = new Holidays(country, { types: ["public"] });
  // `date` is the local date and time as written in the calendar ("2025-12-25 00:00:00").
  return new Set(
    calendar
      .getHolidays(year)
      .filter((h) => h.type === "public")
      .map((h) => h.date.slice(0, 10)),
  );
}
