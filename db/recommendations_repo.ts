import type { Sql } from "./postgres.ts";

/** A suggested route and why. */
export interface Recommendation {
  from: string;
  fromCity: string;
  to: string;
  toCity: string;
  reason: "recent_search" | "past_trip" | "popular_from_home" | "popular";
  /** The lowest base fare (minor units) among upcoming flights, as a "from" price. */
  fromPrice: number | null;
  currency: string;
  nextDepartureAt: string | null;
}

/** Records a signed-in user's search (kept to their last 50). */
export async function recordSearch(
  sql: Sql,
  userId: string,
  from: string,
  to: string,
  date: string,
) {
  await sql`INSERT INTO search_history (user_id, origin, destination, travel_date)
            VALUES (${userId}, ${from}, ${to}, ${date})`;
  await sql`DELETE FROM search_history WHERE user_id = ${userId} AND id NOT IN (
              SELECT id FROM search_history WHERE user_id = ${userId}
              ORDER BY searched_at DESC LIMIT 50)`;
}

async function withOffers(
  sql: Sql,
  now: Date,
  routes: { from: string; to: string; reason: Recommendation["reason"] }[],
) {
  const out: Recommendation[] = [];
  for (const r of routes) {
    const [row] = await sql`
      SELECT o.city AS from_city, d.city AS to_city, min(f.departure_at) AS next_at,
             min((SELECT min(v::int) FROM jsonb_each_text(f.base_fares) AS e(k, v))) AS from_price,
             min(f.currency) AS currency
      FROM airports o, airports d
      LEFT JOIN flights f ON f.origin = ${r.from} AND f.destination = d.iata
        AND f.departure_at > ${now} AND f.status <> 'cancelled'
      WHERE o.iata = ${r.from} AND d.iata = ${r.to}
      GROUP BY o.city, d.city`;
    if (!row) continue;
    out.push({
      ...r,
      fromCity: row.from_city,
      toCity: row.to_city,
      fromPrice: row.from_price ?? null,
      currency: row.currency ?? "USD",
      nextDepartureAt: row.next_at?.toISOString() ?? null,
    });
  }
  return out;
}

/** Popular routes (most booked in 90 days, else most flown), optionally from one airport. */
async function popular(sql: Sql, now: Date, from: string | null, limit: number) {
  return await sql<{ from: string; to: string }[]>`
    SELECT f.origin AS from, f.destination AS to
    FROM flights f LEFT JOIN booking_segments g ON g.flight_id = f.id
      LEFT JOIN bookings b ON b.id = g.booking_id AND b.status = 'confirmed'
        AND b.created_at > ${new Date(now.getTime() - 90 * 86_400_000)}
    WHERE f.departure_at > ${now} ${from ? sql`AND f.origin = ${from}` : sql``}
    GROUP BY f.origin, f.destination
    ORDER BY count(b.id) DESC, count(f.id) DESC, f.origin, f.destination
    LIMIT ${limit}`;
}

/** Up to `limit` suggestions: recent searches, past destinations, popular from home. */
export async function recommend(
  sql: Sql,
  now: Date,
  userId: string | undefined,
  limit = 8,
): Promise<Recommendation[]> {
  const picked: { from: string; to: string; reason: Recommendation["reason"] }[] = [];
  const add = (from: string, to: string, reason: Recommendation["reason"]) => {
    if (
      from !== to && !picked.some((p) => p.from === from && p.to === to) && picked.length < limit
    ) {
      picked.push({ from: from.trim(), to: to.trim(), reason });
    }
  };
  let home: string | null = null;
  if (userId) {
    const searches = await sql`
      SELECT origin, destination FROM search_history WHERE user_id = ${userId}
      GROUP BY origin, destination ORDER BY max(searched_at) DESC LIMIT 3`;
    for (const s of searches) add(s.origin, s.destination, "recent_search");
    const trips = await sql`
      SELECT f.origin, f.destination FROM bookings b
      JOIN booking_segments g ON g.booking_id = b.id JOIN flights f ON f.id = g.flight_id
      WHERE b.user_id = ${userId} AND b.status IN ('confirmed', 'refunded', 'cancelled')
      GROUP BY f.origin, f.destination ORDER BY max(b.created_at) DESC LIMIT 3`;
    // A past trip suggests going again, and going back.
    for (const t of trips) {
      add(t.origin, t.destination, "past_trip");
      add(t.destination, t.origin, "past_trip");
    }
    const [u] = await sql`
      SELECT COALESCE(u.home_airport, (SELECT f.origin FROM bookings b
        JOIN booking_segments g ON g.booking_id = b.id JOIN flights f ON f.id = g.flight_id
        WHERE b.user_id = u.id GROUP BY f.origin ORDER BY count(*) DESC LIMIT 1)) AS home
      FROM users u WHERE u.id = ${userId}`;
    home = u?.home?.trim() ?? null;
    if (home) {
      for (const r of await popular(sql, now, home, limit)) {
        add(r.from, r.to, "popular_from_home");
      }
    }
  }
  for (const r of await popular(sql, now, null, limit)) add(r.from, r.to, "popular");
  return await withOffers(sql, now, picked);
}
