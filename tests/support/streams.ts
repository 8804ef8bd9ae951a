import type { Database } from "../../db/postgres.ts";
import { signAccessToken } from "../../adapters/tokens.ts";
import { testApp } from "./app.ts";
import { bearer, json } from "./http.ts";
import { seedTestSchedule } from "./seed.ts";
import { SseReader } from "./sse.ts";

/** Nine days before the seeded flights: everything is bookable. */
export const STREAM_NOW = "2030-02-20T00:00:00Z";

/** A seeded app with an A320neo flight, a passenger, an operator and helpers for streams. */
export async function streamSetup(db: Database, env: Record<string, string> = {}) {
  await seedTestSchedule(db.sql);
  const t = await testApp(db, STREAM_NOW, { env: { SSE_HEARTBEAT_MS: "60000", ...env } });
  const [flight] = await db
    .sql`SELECT id FROM flights WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 1`;
  // Accounts are made in the database, not through sign-up: its password hashing may take
  // longer than a test's short REQUEST_TIMEOUT_MS on a busy machine.
  const account = async (role: "passenger" | "operator" | "admin", email: string) => {
    const [user] = await db.sql`
      INSERT INTO users (email, name, role) VALUES (${email}, ${role}, ${role}) RETURNING id, email`;
    const token = await signAccessToken(
      { sub: user.id, role, email },
      t.deps.config.jwtSecret!,
      t.clock.now(),
    );
    return { user: user as { id: string; email: string }, headers: bearer(token) };
  };
  const staff = async (role: "operator" | "admin") =>
    (await account(role, `${role}@example.test`)).headers;
  const ada = await account("passenger", "ada@example.test");
  const operator = await staff("operator");
  /** Opens a stream; `headers` may carry a bearer token or Last-Event-ID. */
  const open = async (path: string, headers: Record<string, string> = {}) => {
    const res = await t.app.request(path, { headers });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return new SseReader(res);
  };
  /**
   * Holds named seats (or one seat) through the API, each time as another passenger (one
   * account keeps one live hold per flight: Ada holding again would replace her last hold).
   */
  let holders = 0;
  const hold = async (seats?: string[]) => {
    const holder = holders++ === 0 ? ada : await account("passenger", `p${holders}@example.test`);
    const res = await t.app.request(
      "/api/bookings",
      json("POST", {
        flightId: flight.id,
        cabin: "Y",
        ...(seats ? { seats } : {}),
        passengers: (seats ?? ["x"]).map((_, i) => ({
          firstName: "Ada",
          lastName: `Lovelace ${"ABCDEFGHI"[i]}`,
        })),
      }, holder.headers),
    );
    if (res.status !== 201) throw new Error(`hold failed: ${res.status} ${await res.text()}`);
    return await res.json();
  };
  /** Publishes a status change as the operator. */
  const publish = (body: object, flightId: string = flight.id, headers = operator) =>
    t.app.request(`/api/admin/flights/${flightId}/status`, json("POST", body, headers));
  /** Waits (bounded) until the hub has no watches left. */
  const watchersGone = async () => {
    for (let i = 0; i < 200 && t.deps.hub.watcherCount > 0; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    return t.deps.hub.watcherCount;
  };
  return {
    ...t,
    flightId: flight.id as string,
    ada,
    operator,
    staff,
    open,
    hold,
    publish,
    watchersGone,
  };
}
