/** Prices and days as pages and messages show them (the same in the browser and on the server). */

/** Formats minor units as a price, e.g. 15900 USD → "$159". */
export function formatPrice(minor: number, currency: string): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    maximumFractionDigits: 0,
  }).format(minor / 100);
}

/** "2030-03-02" → "Sat 2 Mar". */
export function formatDay(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
}
