import assert from "node:assert/strict";
import { formatLocal, formatPrice } from "../../../islands/parts/FlightTable.tsx";

Deno.test("flight table: prices and local times read as before", () => {
  assert.equal(formatPrice(15900, "USD"), "$159");
  assert.equal(formatPrice(15950, "EUR"), "€160");
  assert.equal(formatLocal("2026-11-23T07:40"), "Mon 23 Nov, 07:40");
  assert.equal(formatLocal("2027-01-01T23:05"), "Fri 1 Jan, 23:05");
});

Deno.test("flight table: a table's rows share their Intl formatters instead of making one per cell", () => {
  // Making a formatter is what cost a departures table most of its hydration time.
  const made = { number: 0, date: 0 };
  const { NumberFormat, DateTimeFormat } = Intl;
  const toLocaleDateString = Date.prototype.toLocaleDateString;
  Intl.NumberFormat = new Proxy(NumberFormat, {
    construct: (target, args) => (made.number++, new target(...args)),
  });
  Intl.DateTimeFormat = new Proxy(DateTimeFormat, {
    construct: (target, args) => (made.date++, new target(...args)),
  });
  Date.prototype.toLocaleDateString = function (
    this: Date,
    ...args: Parameters<Date["toLocaleDateString"]>
  ) {
    made.date++;
    return toLocaleDateString.apply(this, args);
  };
  try {
    for (let i = 0; i < 100; i++) {
      formatPrice(10000 + i * 100, "GBP");
      formatLocal(`2026-12-${String(1 + (i % 28)).padStart(2, "0")}T07:40`);
    }
  } finally {
    Object.assign(Intl, { NumberFormat, DateTimeFormat });
    Date.prototype.toLocaleDateString = toLocaleDateString;
  }
  assert.ok(made.number <= 1, `${made.number} number formats for 100 prices`);
  assert.ok(made.date <= 1, `${made.date} date formats for 100 dates`);
});
