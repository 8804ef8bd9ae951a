/**
 * Writing CSV for people to open in spreadsheets (RFC 4180): a cell with a comma, quote or line
 * break is quoted with quotes doubled, and text that a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) is led by an apostrophe, so an exported
 * name like `=HYPERLINK(...)` stays text (OWASP "CSV injection").
 */

/** One cell's value: text is guarded, numbers and booleans are written as they are. */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell as CSV text. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Fields written back as the one CSV record a reader would read them from (quoted where
 * needed, no formula guard, no line end): a row's text as sent, give or take quoting.
 */
export function csvRecordText(fields: readonly string[]): string {
  return fields.map((f) => NEEDS_QUOTES.test(f) ? `"${f.replaceAll('"', '""')}"` : f).join(",");
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
