/** Round trips without a way back, on the demo schedule: routes and how to make them so. */
import assert from "node:assert/strict";
import type { Sql } from "../../db/postgres.ts";

/** The test clock. */
export const NOW = "2030-02-25T00:00:00Z";
/** The day searched. */
export const DAY = "2030-03-02";

/** A leg as the search API lists it. */
export interface Leg {
  id: string;
  departureAt: string;
  arrivalAt: string;
  arrivalLocal: string;
}
/** A way out or back as the search API lists it. */
export interface Way {
  id: string;
  departureAt: string;
  arrivalAt: string;
  legs: Leg[];
  price: { perPassenger: number };
}
/** The search API's answer. */
export interface Found {
  total: number;
  data: Way[];
  inbound?: Way[];
  empty?: Record<string, unknown> & { kind: string };
  inboundEmpty?: Record<string, unknown> & { kind: string; message: string };
}

/** An app to ask. */
export type Request = { request(path: string): Response | Promise<Response> };

/** The search API's answer to `query` (up to 50 a page), checked to be a 200. */
export async function search(app: Request, query: string): Promise<Found> {
  const res = await app.request(`/api/flights/search?${query}&limit=50`);
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

/**
 * Routes flown direct both ways on DAY whose first way back leaves hours before the first
 * way out lands (with `later`, and the last well after it), each to a destination of its own (what one test cancels there, the others
 * do not see).
 */
export async function routes(
  sql: Sql,
  n: number,
  later = false,
): Promise<{ from: string; to: string }[]> {
  const rows = await sql`
    SELECT o.origin AS "from", o.destination AS "to"
    FROM flights o
    WHERE o.departure_date = ${DAY} AND o.status <> 'cancelled'
    GROUP BY 1, 2
    HAVING (SELECT min(r.departure_at) FROM flights r
            WHERE r.origin = o.destination AND r.destination = o.origin
              AND r.departure_date = ${DAY}) < min(o.arrival_at) - interval '3 hours'
       AND (NOT ${later} OR (SELECT max(r.departure_at) FROM flights r
            WHERE r.origin = o.destination AND r.destination = o.origin
              AND r.departure_date = ${DAY}) > min(o.arrival_at) + interval '90 minutes')
    ORDER BY 1, 2`;
  const picked: { from: string; to: string }[] = [];
  const used = new Set<string>();
  for (const r of rows) {
    if (used.has(r.from) || used.has(r.to)) continue;
    picked.push({ from: r.from, to: r.to });
    used.add(r.from).add(r.to);
  }
  assert.ok(picked.length >= n, `the demo network has ${n} such routes`);
  return picked.slice(0, n);
}

/** Cancels the ways back from `to` on DAY that leave once the first way out has landed. */
export async function cancelLateReturns(
  app: Request,
  sql: Sql,
  route: { from: string; to: string },
) {
  const out = await search(app, `from=${route.from}&to=${route.to}&date=${DAY}`);
  const lands = out.data.map((o) => o.arrivalAt).sort()[0];
  await sql`UPDATE flights SET status = 'cancelled'
            WHERE origin = ${route.to} AND departure_date = ${DAY} AND departure_at >= ${lands}`;
  return out.data.find((o) => o.arrivalAt === lands)!;
}
