/**
 * The write scenarios of `deno task bench:engine` against one running server: bookings on one
 * flight until it sells out, book-and-pay, and same-key duplicates. Every write has its own
 * account and an Idempotency-Key; load comes from wrk (bench/wrk/writes.lua).
 */
import type { Database } from "../db/postgres.ts";
import { benchAdminToken, benchPassengers, insertBenchFlights } from "./bench_db.ts";
import type { CpuTrace } from "./proc_stats.ts";
import { type Spread, spread } from "./storm_data.ts";
import { runWrites, type WriteAnswer } from "./wrk_runner.ts";
import { TEST_CARD_PAYMENT } from "./suite_fixture.ts";

/** Sizes of the write scenarios. */
export interface WriteSizes {
  bookings: number;
  concurrency: number;
  seats: number;
  pairs: number;
  payConcurrency: number;
  sameKey: number;
}

/** One round's flights and accounts (fresh each round, so rounds do not share state). */
export interface WriteFixture {
  bookingFlight: string;
  payFlight: string;
  sameKeyFlight: string;
  bookingTokens: string[];
  payTokens: string[];
  sameKeyTokens: string[];
  adminToken: string;
}

/** What the write scenarios measured on one server. */
export interface WriteFigures {
  statuses: Record<string, number>;
  /** Held bookings per second, from the first request until the last seat sold. */
  heldPerSecond: number;
  /** Answers per second over the whole run (held and sold out). */
  answersPerSecond: number;
  latency: Spread;
  heldLatency: Spread;
  soldOutLatency: Spread;
  oversold: number;
  seatsTwice: number;
  /** What the reconcile endpoint said after projecting: KV and Postgres agree. */
  inSync: boolean;
  cpuMsPerBooking: number;
  cpuMsPerSoldOut: number;
  paid: number;
  payStatuses: Record<string, number>;
  paidPerSecond: number;
  payLatency: Spread;
  cpuMsPerPayment: number;
  /** Same-key pairs whose booking got exactly one charge, of all pairs. */
  chargedOnce: number;
  sameKeyPairs: number;
  sameKeyAnswers: Record<string, number>;
}

/** Inserts a round's three flights and its accounts. */
export async function writeFixture(db: Database, sizes: WriteSizes): Promise<WriteFixture> {
  const [bookingFlight, payFlight, sameKeyFlight] = await insertBenchFlights(db.sql, {
    count: 3,
    seats: sizes.seats,
  });
  const tag = crypto.randomUUID().slice(0, 6);
  return {
    bookingFlight,
    payFlight,
    sameKeyFlight,
    bookingTokens: await benchPassengers(db, `eb${tag}_`, sizes.bookings),
    payTokens: await benchPassengers(db, `ep${tag}_`, sizes.pairs),
    sameKeyTokens: await benchPassengers(db, `es${tag}_`, sizes.sameKey),
    adminToken: await benchAdminToken(db),
  };
}

const count = (answers: WriteAnswer[]) => {
  const out: Record<string, number> = {};
  for (const a of answers) out[a.status] = (out[a.status] ?? 0) + 1;
  return out;
};
const startOf = (answers: WriteAnswer[]) => Math.min(...answers.map((a) => a.end - a.ms));
const lastEnd = (answers: WriteAnswer[]) => Math.max(...answers.map((a) => a.end));

async function seatChecks(db: Database, flightId: string, seats: number) {
  const [row] = await db.sql`
    SELECT count(s)::int AS used, count(DISTINCT s)::int AS distinct_seats
    FROM booking_segments g JOIN bookings b ON b.id = g.booking_id, unnest(g.seats) s
    WHERE g.flight_id = ${flightId} AND g.status IN ('held', 'confirmed')
      AND b.status IN ('held', 'confirmed')`;
  return { oversold: Math.max(0, row.used - seats), seatsTwice: row.used - row.distinct_seats };
}

async function reconciled(url: string, flightId: string, token: string): Promise<boolean> {
  const res = await fetch(new URL(`/api/admin/flights/${flightId}/reconcile?project=true`, url), {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = await res.json();
  if (!res.ok || !body.inSync) console.log(`  reconcile ${res.status}: ${JSON.stringify(body)}`);
  return res.ok && body.inSync === true;
}

async function post(url: string, path: string, token: string, key: string, body: string) {
  const res = await fetch(new URL(path, url), {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${token}`,
      "Idempotency-Key": key,
    },
    body,
  });
  return { status: res.status, json: await res.json().catch(() => ({})) };
}

/** Each user books and pays, each request sent three times at once with the same key. */
async function sameKeyPairs(url: string, db: Database, fx: WriteFixture) {
  const answers: Record<string, number> = {};
  const note = (what: string, status: number) =>
    answers[`${what} ${status}`] = (answers[`${what} ${status}`] ?? 0) + 1;
  const body = JSON.stringify({
    flightId: fx.sameKeyFlight,
    cabin: "Y",
    passengers: [{ firstName: "Same", lastName: "Key" }],
  });
  const ids = await Promise.all(fx.sameKeyTokens.map(async (token, i) => {
    const key = `same-${crypto.randomUUID()}`;
    const books = await Promise.all(
      [0, 1, 2].map(() => post(url, "/api/bookings", token, key, body)),
    );
    books.forEach((b) => note("book", b.status));
    const id = books.find((b) => b.status === 201)?.json.id as string | undefined;
    if (!id || books.some((b) => b.json.id !== id)) return undefined;
    const payKey = `same-pay-${i}-${crypto.randomUUID()}`;
    const pays = await Promise.all(
      [0, 1, 2].map(() => post(url, `/api/bookings/${id}/pay`, token, payKey, TEST_CARD_PAYMENT)),
    );
    pays.forEach((p) => note("pay", p.status));
    return id;
  }));
  const booked = ids.filter((id): id is string => !!id);
  const rows = await db.sql`
    SELECT b.id, count(p.id) FILTER (WHERE p.kind = 'charge' AND p.status = 'succeeded')::int AS n
    FROM booking_segments g JOIN bookings b ON b.id = g.booking_id
    LEFT JOIN payments p ON p.booking_id = b.id
    WHERE g.flight_id = ${fx.sameKeyFlight} GROUP BY b.id`;
  // One booking per user, each charged once: a second booking or charge is a duplicate.
  const chargedOnce = rows.length === fx.sameKeyTokens.length
    ? rows.filter((r) => r.n === 1 && booked.includes(r.id)).length
    : 0;
  return { chargedOnce, sameKeyPairs: fx.sameKeyTokens.length, sameKeyAnswers: answers };
}

/** Runs the bookings, book-and-pay and same-key scenarios against the server at `url`. */
export async function runWriteScenarios(
  url: string,
  db: Database,
  { fx, sizes, cpu }: { fx: WriteFixture; sizes: WriteSizes; cpu: CpuTrace },
): Promise<WriteFigures> {
  const books = await runWrites(url, {
    mode: "book",
    flightId: fx.bookingFlight,
    tokens: fx.bookingTokens,
    connections: sizes.concurrency,
  });
  const held = books.filter((a) => a.status === 201);
  const soldOut = books.filter((a) => a.status === 409);
  const start = startOf(books);
  const sellOut = held.length ? lastEnd(held) : start;
  const afterSellOut = books.filter((a) => a.end > sellOut);
  await cpu.mark();
  const cpuMsPerBooking = cpu.msBetween(start, sellOut) /
    Math.max(1, books.length - afterSellOut.length);
  const cpuMsPerSoldOut = cpu.msBetween(sellOut, lastEnd(books)) / Math.max(1, afterSellOut.length);
  const checks = await seatChecks(db, fx.bookingFlight, sizes.seats);
  const inSync = await reconciled(url, fx.bookingFlight, fx.adminToken);

  const pairs = await runWrites(url, {
    mode: "bookpay",
    flightId: fx.payFlight,
    tokens: fx.payTokens,
    connections: sizes.payConcurrency,
  });
  await cpu.mark();
  const pays = pairs.filter((a) => a.kind === "pay");
  const paid = pays.filter((a) => a.status === 200);
  const pairStart = startOf(pairs);
  const heldInPairs = pairs.filter((a) => a.kind === "book" && a.status === 201).length;
  const pairCpu = cpu.msBetween(pairStart, lastEnd(pairs));
  return {
    statuses: count(books),
    heldPerSecond: held.length / Math.max(0.001, (sellOut - start) / 1000),
    answersPerSecond: books.length / Math.max(0.001, (lastEnd(books) - start) / 1000),
    latency: spread(books.map((a) => a.ms)),
    heldLatency: spread(held.map((a) => a.ms)),
    soldOutLatency: spread(soldOut.map((a) => a.ms)),
    ...checks,
    inSync,
    cpuMsPerBooking,
    cpuMsPerSoldOut,
    paid: paid.length,
    payStatuses: count(pays),
    paidPerSecond: paid.length / Math.max(0.001, (lastEnd(pairs) - pairStart) / 1000),
    payLatency: spread(pays.map((a) => a.ms)),
    // What the pairs cost beyond their bookings, at the price a booking had above.
    cpuMsPerPayment: (pairCpu - heldInPairs * cpuMsPerBooking) / Math.max(1, pays.length),
    ...await sameKeyPairs(url, db, fx),
  };
}
