/** Prices and days as pages and messages show them (the same in the browser and on the server). */

// Making an Intl formatter costs far more than using one (a table of 50 flights made 150 while
// it hydrated): one per currency, made on first use, serves every later price.
const prices = new Map<string, Intl.NumberFormat>();

/** Formats minor units as a price, e.g. 15900 USD → "$159". */
export function formatPrice(minor: number, currency: string): string {
  let format = prices.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      maximumFractionDigits: 0,
    });
    prices.set(currency, format);
  }
  return format.format(minor / 100);
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
