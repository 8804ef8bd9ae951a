/**
 * Bodies of page posts and uploads: url-encoded forms with or without their CSRF token, and
 * broken multipart CSV uploads.
 */
import type { Rng } from "./rng.ts";
import { hostileString, INVALID_UTF8, SCRIPT_MARKER } from "./hostile.ts";
import { HUGE_BYTES, MALFORMED, type Payload } from "./payloads.ts";

const BOUNDARY = "fzBoundary7MA4YWxkTrZu0gW";
/** The Content-Type of the multipart bodies built here. */
const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
const CSV_HEADER =
  "flight_number,origin,destination,departure_local,arrival_local,aircraft_type,fare_Y";
const encoder = new TextEncoder();

/** One file part, closed by the final boundary unless `close` is false. */
function multipartText(field: string, filename: string, content: string, close = true) {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"` +
    `\r\nContent-Type: text/csv\r\n\r\n${content}\r\n${close ? `--${BOUNDARY}--\r\n` : ""}`;
}

/** Bytes of `text` with invalid UTF-8 where it has a NUL. */
function withBadBytes(text: string, rng: Rng): Uint8Array<ArrayBuffer> {
  const [head, tail] = text.split("\u0000");
  return new Uint8Array([
    ...encoder.encode(head),
    ...rng.pick(INVALID_UTF8),
    ...encoder.encode(tail),
  ]);
}

type Upload = [body: string | Uint8Array<ArrayBuffer>, contentType: string];

const UPLOADS: Record<string, (rng: Rng, lead: string) => Upload> = {
  "no-boundary": (
    _,
    lead,
  ) => [lead + multipartText("file", "a.csv", CSV_HEADER), "multipart/form-data"],
  "not-multipart": () => [`${CSV_HEADER}\n`, "text/csv"],
  "no-file": (_, lead) => [lead + multipartText("upload", "a.csv", CSV_HEADER), MULTIPART_TYPE],
  "bad-header": (rng, lead) => [
    lead +
    multipartText(
      "file",
      `${SCRIPT_MARKER}.csv`,
      `${hostileString(rng).replace(/[\r\n]/g, "")},' OR 1=1--\nx,y\n`,
    ),
    MULTIPART_TYPE,
  ],
  empty: (_, lead) => [lead + multipartText("file", "a.csv", ""), MULTIPART_TYPE],
  "not-utf8": (rng, lead) => [
    withBadBytes(
      lead + multipartText("file", "a.csv", `fli\u0000ght${CSV_HEADER.slice(3)}\n`),
      rng,
    ),
    MULTIPART_TYPE,
  ],
  // Cut off inside the header row: refused before a job exists.
  truncated: (
    _,
    lead,
  ) => [lead + multipartText("file", "a.csv", CSV_HEADER.slice(0, 20), false), MULTIPART_TYPE],
  garbage: (_, lead) => [`${lead}--${BOUNDARY}\r\n\r\n\r\n--${BOUNDARY}`, MULTIPART_TYPE],
};

/** The leading `_csrf` part, as the upload page's form sends it. */
function csrfPart(token: string | undefined): string {
  return token === undefined
    ? ""
    : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`;
}

/**
 * A broken CSV upload: every variant must be refused before a job exists (bad type or
 * boundary, no file part, a header row that is wrong, empty, not UTF-8, or cut off).
 */
export function uploadPayload(rng: Rng, csrf?: string): Payload {
  const how = rng.pick(Object.keys(UPLOADS));
  const [body, contentType] = UPLOADS[how](rng, csrfPart(csrf));
  return { body, contentType, parsed: MALFORMED, tag: `upload:${how}` };
}

const FIELDS = (
  "email password name next cabin seats passengers status reason " +
  "flightNumber origin crewId role number __proto__ constructor[prototype][polluted]"
).split(" ");
const OFF_SITE = [
  "//evil.example/",
  "https://evil.example/x",
  "/\\evil.example",
  "javascript:alert(1)",
];

/** Form fields a page post might carry, mostly hostile; `csrf` first when given. */
export function formPayload(rng: Rng, csrf: string | undefined): Payload {
  const params = new URLSearchParams();
  if (csrf !== undefined) params.append("_csrf", csrf);
  for (let i = rng.int(0, 6); i > 0; i--) params.append(rng.pick(FIELDS), hostileString(rng));
  if (rng.chance(0.2)) params.append("next", rng.pick(OFF_SITE));
  let body = params.toString();
  if (rng.chance(0.1)) body += "&bad=%FF%FE&worse=%E2%82";
  if (rng.chance(0.03)) body += "&x=" + "A".repeat(HUGE_BYTES);
  const type = rng.chance(0.9)
    ? "application/x-www-form-urlencoded"
    : rng.pick(["application/json", "text/plain", MULTIPART_TYPE]);
  return { body, contentType: type, parsed: MALFORMED, tag: "form" };
}
