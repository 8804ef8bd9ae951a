/**
 * Pairings: chains of flights that start and end at a crew base, across days with legal rest
 * at outstations. A chain is searched depth-first from a base over the flight network, one
 * duty after another, within the duty (turn, FDP) and rest limits; positioning (a deadhead
 * leg on a flight with a free seat) is used only where no worked flight leads on.
 */
import { flightDeckCrew, restAfterMs, STANDARD_PILOTS } from "./augmented.ts";
import {
  fdpLimitFor,
  MAX_TURN_MS,
  MIN_REST_MS,
  RELEASE_AFTER_MS,
  REPORT_BEFORE_MS,
} from "./duty.ts";
import { byDeparture, type CrewFlight } from "./model.ts";
import { toLocal } from "../time.ts";

const HOUR = 3_600_000;
/** The shortest turn a pairing plans between two flights (legality allows less). */
export const MIN_PLANNED_TURN_MS = 40 * 60_000;
// Measured on the demo week (bench/crew_planner.ts): five ways on from each airport and 800
// nodes per pairing cover as much as 2,000 nodes did, in half the time.
const BRANCHES = 5;
const SEARCH_BUDGET = 800;
/** The longest ground time at an outstation a pairing looks across for its next flight. */
export const MAX_LAYOVER_MS = MIN_REST_MS + 30 * HOUR;

/** One leg of a pairing: a flight worked, or ridden as a positioning passenger. */
export interface PairingLeg {
  flight: CrewFlight;
  positioning: boolean;
}

/** A chain of legs from a base back to it. */
export interface Pairing {
  base: string;
  legs: PairingLeg[];
  /** Report for the first leg. */
  startsAt: number;
  /** Release after the last leg. */
  endsAt: number;
}

/** What a pairing search may use. */
export interface PairingNetwork {
  /** Every flight of the period, for working and for positioning. */
  flights: readonly CrewFlight[];
  /** How long a pairing may last, in days. */
  maxDays: number;
  /** Search nodes per pairing before taking the best chain found so far. */
  budget?: number;
}

/** Per-search questions: which flights still need this kind of crew, which have a free seat. */
export interface PairingNeeds {
  /** True when the flight needs (and the crew kind may work) one more member. */
  wanted(flight: CrewFlight): boolean;
  /** True when the flight has a seat for a positioning passenger. */
  seatFree(flight: CrewFlight): boolean;
}

interface Node {
  at: string;
  /** The first flight of the current duty (its report hour sets the FDP limit). */
  dutyFirst?: CrewFlight;
  /** Arrival of the last leg. */
  arrivedAt: number;
  dutyStart: number;
  dutyLimitMs: number;
  segments: number;
  /** Pilots the current duty is flown with (its smallest augmented crew, else two). */
  crew: number;
  legs: PairingLeg[];
}

/** Flights by origin airport, each list in departure order, for quick "what leaves from here". */
export class FlightIndex {
  readonly #byOrigin = new Map<string, CrewFlight[]>();
  readonly #hour = new Map<string, number>();
  readonly #pilots = new Map<string, number>();

  /** Indexes `flights`. */
  constructor(flights: readonly CrewFlight[]) {
    for (const f of byDeparture(flights)) {
      const list = this.#byOrigin.get(f.origin) ?? [];
      list.push(f);
      this.#byOrigin.set(f.origin, list);
    }
  }

  /** Flights leaving `airport` with departure in [from, to], in departure order. */
  leaving(airport: string, from: number, to: number): CrewFlight[] {
    const list = this.#byOrigin.get(airport) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].departureAt < from) lo = mid + 1;
      else hi = mid;
    }
    const out: CrewFlight[] = [];
    for (let i = lo; i < list.length && list[i].departureAt <= to; i++) out.push(list[i]);
    return out;
  }

  /** The local hour of a report for `f` at its origin (cached: it is read per search node). */
  reportHour(f: CrewFlight): number {
    let h = this.#hour.get(f.id);
    if (h === undefined) {
      h = Number(toLocal(new Date(f.departureAt - REPORT_BEFORE_MS), f.originTz).slice(11, 13));
      this.#hour.set(f.id, h);
    }
    return h;
  }

  /** Pilots `f` needs (cached like the report hour). */
  pilots(f: CrewFlight): number {
    let p = this.#pilots.get(f.id);
    if (p === undefined) {
      p = flightDeckCrew(f);
      this.#pilots.set(f.id, p);
    }
    return p;
  }
}

/** The FDP limit (ms) of a duty starting with `first`, `segments` legs, flown by `crew`. */
function limitMs(index: FlightIndex, first: CrewFlight, segments: number, crew: number): number {
  return fdpLimitFor(index.reportHour(first), segments, crew) * 60_000;
}

/** The crew a duty flies with once `f` joins it (worked or ridden). */
function crewWith(index: FlightIndex, crew: number, f: CrewFlight, positioning: boolean) {
  const pilots = positioning ? STANDARD_PILOTS : index.pilots(f);
  if (pilots <= STANDARD_PILOTS) return crew;
  return crew > STANDARD_PILOTS ? Math.min(crew, pilots) : pilots;
}

/**
 * Whether a crew that worked `inbound` as a duty of its own can work `outbound` next, after
 * the rest that duty needs (as long as the duty after an augmented one) and within the
 * ground time a pairing search looks across (MAX_LAYOVER_MS): the way back of a long-haul
 * pairing.
 */
export function layoverFits(
  inbound: Pick<CrewFlight, "departureAt" | "arrivalAt" | "originTz">,
  outbound: Pick<CrewFlight, "departureAt">,
): boolean {
  const ground = outbound.departureAt - inbound.arrivalAt;
  const duty = inbound.arrivalAt + RELEASE_AFTER_MS - (inbound.departureAt - REPORT_BEFORE_MS);
  const rest = ground - RELEASE_AFTER_MS - REPORT_BEFORE_MS;
  return ground <= MAX_LAYOVER_MS &&
    rest >= restAfterMs(duty, flightDeckCrew(inbound), MIN_REST_MS);
}

/** Whether a single flight fits in a duty at all (with the crew its block time needs). */
export function fitsOneDuty(index: FlightIndex, f: CrewFlight): boolean {
  return f.arrivalAt - (f.departureAt - REPORT_BEFORE_MS) <=
    limitMs(index, f, 1, index.pilots(f));
}

/** The node after taking `f` from `n` (same duty or after rest), or undefined when illegal. */
function step(index: FlightIndex, n: Node, f: CrewFlight, positioning: boolean): Node | undefined {
  const ground = f.departureAt - n.arrivedAt;
  const legs = [...n.legs, { flight: f, positioning }];
  // As legality counts them (duty.ts): only a worked leg is a segment, and only a worked
  // leg's arrival is held to the FDP limit; positioning after it is duty, not FDP.
  const segment = positioning ? 0 : 1;
  if (n.legs.length && ground >= MIN_PLANNED_TURN_MS && ground <= MAX_TURN_MS) {
    const segments = n.segments + segment;
    const crew = crewWith(index, n.crew, f, positioning);
    const dutyLimitMs = limitMs(index, n.dutyFirst!, Math.max(1, segments), crew);
    if (!positioning && f.arrivalAt - n.dutyStart > dutyLimitMs) return undefined;
    return { ...n, at: f.destination, arrivedAt: f.arrivalAt, dutyLimitMs, segments, crew, legs };
  }
  const report = f.departureAt - REPORT_BEFORE_MS;
  if (n.legs.length) {
    const release = n.arrivedAt + RELEASE_AFTER_MS;
    const tableB = limitMs(index, n.dutyFirst!, Math.max(1, n.segments), STANDARD_PILOTS);
    const beyondTableB = n.arrivedAt - n.dutyStart > tableB;
    if (report - release < restAfterMs(release - n.dutyStart, n.crew, MIN_REST_MS, beyondTableB)) {
      return undefined;
    }
  }
  const crew = crewWith(index, STANDARD_PILOTS, f, positioning);
  const dutyLimitMs = limitMs(index, f, 1, crew);
  if (!positioning && f.arrivalAt - report > dutyLimitMs) return undefined;
  return {
    at: f.destination,
    dutyFirst: f,
    arrivedAt: f.arrivalAt,
    dutyStart: report,
    dutyLimitMs,
    segments: segment,
    crew,
    legs,
  };
}

function worked(p: PairingLeg[]): number {
  return p.filter((l) => !l.positioning).length;
}

/** Better chains work more flights, ride fewer, and are back sooner. */
function better(a: PairingLeg[], b: PairingLeg[] | undefined): boolean {
  if (!b) return true;
  const wa = worked(a);
  const wb = worked(b);
  if (wa !== wb) return wa > wb;
  const da = a.length - wa;
  const db = b.length - wb;
  if (da !== db) return da < db;
  return a.at(-1)!.flight.arrivalAt < b.at(-1)!.flight.arrivalAt;
}

/**
 * The best pairing from `base` that starts with `first` (worked, or positioning when
 * `firstPositioning`), then works `then` when given, and comes back to `base`, or undefined
 * when none fits the limits.
 */
export function searchPairing(
  index: FlightIndex,
  network: PairingNetwork,
  needs: PairingNeeds,
  start: { base: string; first: CrewFlight; firstPositioning?: boolean; then?: CrewFlight },
): Pairing | undefined {
  const root: Node = {
    at: start.base,
    arrivedAt: -Infinity,
    dutyStart: 0,
    dutyLimitMs: 0,
    segments: 0,
    crew: STANDARD_PILOTS,
    legs: [],
  };
  const first = step(index, root, start.first, !!start.firstPositioning);
  const firstNode = first && start.then ? step(index, first, start.then, false) : first;
  if (!firstNode) return undefined;
  const deadline = first!.dutyStart + network.maxDays * 24 * HOUR;
  let budget = network.budget ?? SEARCH_BUDGET;
  let best: PairingLeg[] | undefined;
  const visit = (n: Node) => {
    if (budget-- <= 0) return;
    if (n.at === start.base) {
      if (better(n.legs, best)) best = n.legs;
      return;
    }
    const used = new Set(n.legs.map((l) => l.flight.id));
    const options: { f: CrewFlight; positioning: boolean; rank: number }[] = [];
    const from = n.arrivedAt + MIN_PLANNED_TURN_MS;
    for (const f of index.leaving(n.at, from, n.arrivedAt + MAX_LAYOVER_MS)) {
      if (used.has(f.id) || f.arrivalAt + RELEASE_AFTER_MS > deadline) continue;
      const home = f.destination === start.base;
      if (needs.wanted(f)) options.push({ f, positioning: false, rank: home ? 0 : 1 });
      else if (home && needs.seatFree(f)) options.push({ f, positioning: true, rank: 2 });
    }
    options.sort((a, b) => a.rank - b.rank || a.f.departureAt - b.f.departureAt);
    for (const o of options.slice(0, BRANCHES)) {
      const next = step(index, n, o.f, o.positioning);
      if (next) visit(next);
    }
  };
  visit(firstNode);
  if (!best) return undefined;
  return {
    base: start.base,
    legs: best,
    startsAt: best[0].flight.departureAt - REPORT_BEFORE_MS,
    endsAt: best.at(-1)!.flight.arrivalAt + RELEASE_AFTER_MS,
  };
}

/**
 * Pairings that work `anchor`, one per base, lazily: from its origin first when that is a
 * base, then from each other base with a flight to its origin that leaves time to report
 * (worked when it needs crew, else positioning). The caller stops at the first it can staff.
 */
export function* pairingsFor(
  index: FlightIndex,
  network: PairingNetwork,
  needs: PairingNeeds,
  input: { anchor: CrewFlight; bases: readonly string[] },
): Generator<Pairing> {
  const { anchor } = input;
  if (input.bases.includes(anchor.origin)) {
    const p = searchPairing(index, network, needs, { base: anchor.origin, first: anchor });
    if (p) yield p;
  }
  for (const base of input.bases) {
    if (base === anchor.origin) continue;
    const feeders = index.leaving(base, anchor.departureAt - 30 * HOUR, anchor.departureAt)
      .filter((f) => f.destination === anchor.origin).reverse();
    // The feeder leads straight into the anchor: a search free to wander from the feeder
    // mostly finds chains that skip the anchor, each one a wasted search.
    for (const feeder of feeders) {
      const wanted = needs.wanted(feeder);
      if (!wanted && !needs.seatFree(feeder)) continue;
      const p = searchPairing(index, network, needs, {
        base,
        first: feeder,
        firstPositioning: !wanted,
        then: anchor,
      });
      if (p) {
        yield p;
        break;
      }
    }
  }
}
