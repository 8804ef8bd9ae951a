/**
 * The traffic of the mixed load suite (bench/load_mixed.ts): which request comes next (80%
 * search, seat maps, holds, payments of those holds, a bare baseline) and what each answer
 * means, with per-route figures.
 */
import type { LoadRequest } from "./load_client.ts";
import { pick, suiteParty, TEST_CARD_PAYMENT } from "./suite_fixture.ts";

/** The routes of the mix. */
export type Route = "search" | "seat map" | "hold" | "pay" | "health";
/** Shares of the traffic; a payment needs an unpaid hold and becomes a hold when none waits. */
const MIX: [Route, number][] = [
  ["search", 0.8],
  ["seat map", 0.1],
  ["hold", 0.045],
  ["pay", 0.045],
  ["health", 0.01],
];

/** One route's figures. */
export interface RouteFigures {
  route: Route;
  requests: number;
  /** Responses other than the route's success and an expected 409 sold out. */
  errors: number;
  p50: number;
  p99: number;
  statuses: Map<number, number>;
}

interface Planned {
  route: Route;
  req: LoadRequest;
  flightId?: string;
  token?: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
/** An item drawn with index ∝ u^power: power 3 puts half the draws in the first 12.5%. */
const pickSkewed = <T>(items: T[], power: number): T =>
  items[Math.floor(items.length * Math.random() ** power)];

/** The traffic of the mix: what request `i` is, and what each answer means. */
export function mixedTraffic(p: {
  tokens: string[];
  routes: string[][];
  dates: string[];
  pool: string[];
  flights: number;
  spread: "skewed" | "uniform";
}) {
  const active = p.pool.splice(0, p.flights);
  const unpaid: { id: string; token: string }[] = [];
  const planned = new Map<number, Planned>();
  const seen = new Set<string>();
  let latencies = new Map<Route, number[]>();
  let statuses = new Map<Route, Map<number, number>>();
  let errors = new Map<Route, number>();
  const counts = { soldOut: 0, flightsSoldOut: 0, confirmed: 0 };
  let nextUser = 0;

  const plan = (): Planned => {
    let r = Math.random();
    let route = MIX.find(([, share]) => (r -= share) < 0)?.[0] ?? "search";
    if (route === "pay" && unpaid.length === 0) route = "hold";
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const json = { "Content-Type": "application/json" };
    if (route === "search") {
      const skew = p.spread === "skewed";
      const [from, to] = skew ? pickSkewed(p.routes, 3) : pick(p.routes);
      const date = skew ? pickSkewed(p.dates, 2) : pick(p.dates);
      const path = `/api/flights/search?from=${from}&to=${to}&date=${date}`;
      return { route, req: { method: "GET", path } };
    }
    if (route === "seat map") {
      return { route, req: { method: "GET", path: `/api/flights/${pick(active)}/seats` } };
    }
    if (route === "pay") {
      const b = unpaid.shift()!;
      const headers = { ...json, ...auth(b.token), "Idempotency-Key": crypto.randomUUID() };
      const path = `/api/bookings/${b.id}/pay`;
      return { route, req: { method: "POST", path, headers, body: TEST_CARD_PAYMENT } };
    }
    if (route === "hold") {
      const token = p.tokens[nextUser++ % p.tokens.length];
      const flightId = pick(active);
      const passengers = suiteParty();
      const headers = { ...json, ...auth(token), "Idempotency-Key": crypto.randomUUID() };
      const body = JSON.stringify({ flightId, cabin: "Y", passengers });
      return {
        route,
        flightId,
        token,
        req: { method: "POST", path: "/api/bookings", headers, body },
      };
    }
    return { route, req: { method: "GET", path: "/health" } };
  };

  /** Whether the answer is what the route should give; records what it means. */
  const understood = (x: Planned, status: number, body: string): boolean => {
    if (x.route === "hold" && status === 201) {
      unpaid.push({ id: JSON.parse(body).id, token: x.token! });
      return true;
    }
    if (x.route === "hold" && status === 409 && JSON.parse(body).code === "not_enough_seats") {
      counts.soldOut++;
      const at = active.indexOf(x.flightId!);
      if (at >= 0 && p.pool.length) {
        active[at] = p.pool.shift()!;
        counts.flightsSoldOut++;
      }
      return true;
    }
    if (x.route === "pay" && status === 200) {
      const ok = JSON.parse(body).booking?.status === "confirmed";
      if (ok) counts.confirmed++;
      return ok;
    }
    return x.route !== "hold" && x.route !== "pay" && status === 200;
  };

  return {
    counts,
    request(i: number): LoadRequest {
      // The client asks again when it resends after a reconnect: same request, same key.
      let x = planned.get(i);
      if (!x) planned.set(i, x = plan());
      return x.req;
    },
    onResponse(i: number, status: number, body: string, ms: number) {
      const x = planned.get(i)!;
      planned.delete(i);
      if (!latencies.has(x.route)) latencies.set(x.route, []);
      latencies.get(x.route)!.push(ms);
      const byStatus = statuses.get(x.route) ?? new Map<number, number>();
      statuses.set(x.route, byStatus.set(status, (byStatus.get(status) ?? 0) + 1));
      if (understood(x, status, body)) return;
      errors.set(x.route, (errors.get(x.route) ?? 0) + 1);
      if (!seen.has(`${x.route} ${status}`)) {
        seen.add(`${x.route} ${status}`);
        console.log(`first unexpected ${status} on ${x.route}: ${body.slice(0, 300)}`);
      }
    },
    /** Per-route figures since the last reset. */
    figures(): RouteFigures[] {
      return MIX.map(([route]) => {
        const ms = (latencies.get(route) ?? []).sort((a, b) => a - b);
        return {
          route,
          requests: ms.length,
          errors: errors.get(route) ?? 0,
          p50: percentile(ms, 0.5),
          p99: percentile(ms, 0.99),
          statuses: statuses.get(route) ?? new Map(),
        };
      });
    },
    reset() {
      latencies = new Map();
      statuses = new Map();
      errors = new Map();
      Object.assign(counts, { soldOut: 0, flightsSoldOut: 0, confirmed: 0 });
    },
  };
}
