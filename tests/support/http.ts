/** A tiny cookie jar for `app.request()`: keeps Set-Cookie values and sends them back. */
export class CookieJar {
  #cookies = new Map<string, string>();

  /** Records the cookies a response set (an empty value or Max-Age=0 removes one). */
  take(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return res;
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** The Cookie header to send. */
  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** JSON request init, with an optional bearer token and extra headers. */
export function json(
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** A bearer Authorization header. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** The password every test account signs up with. */
export const TEST_PASSWORD = "correct horse battery";

/** Registers a passenger through the API; returns the user and a bearer header for it. */
export async function signUp(
  app: { request(path: string, init?: RequestInit): Response | Promise<Response> },
  email = "ada@example.test",
) {
  const res = await app.request(
    "/api/auth/register",
    json("POST", { email, password: TEST_PASSWORD, name: "Ada" }),
  );
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { user: body.user as { id: string; email: string }, headers: bearer(body.accessToken) };
}

/** A test card the simulated gateway charges. */
export const VISA = {
  number: "4242 4242 4242 4242",
  expMonth: 12,
  expYear: 2031,
  cvc: "123",
  name: "Ada Lovelace",
};

/** A party of two with dates of birth. */
export const PAX = [
  { firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1985-12-10" },
  { firstName: "Charles", lastName: "Babbage", dateOfBirth: "1979-12-26" },
];

/**
 * Books `passengers` in economy on a flight through the API and pays with VISA; the booking
 * as created. Throws (with the answer) when either step is refused.
 */
export async function bookAndPay(
  app: { request(path: string, init?: RequestInit): Response | Promise<Response> },
  headers: Record<string, string>,
  flightId: string,
  opts: { passengers?: unknown[]; idempotencyKey?: string } = {},
) {
  const res = await app.request(
    "/api/bookings",
    json("POST", { flightId, cabin: "Y", passengers: opts.passengers ?? PAX }, headers),
  );
  const booking = await res.json();
  if (res.status !== 201) {
    throw new Error(`booking failed: ${res.status} ${JSON.stringify(booking)}`);
  }
  const paid = await app.request(
    `/api/bookings/${booking.id}/pay`,
    json("POST", { card: VISA }, {
      ...headers,
      "Idempotency-Key": opts.idempotencyKey ?? `pay-${booking.id}`,
    }),
  );
  if (paid.status !== 200) throw new Error(`payment failed: ${paid.status} ${await paid.text()}`);
  return booking;
}
