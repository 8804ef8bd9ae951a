import type { CrewFlight, CrewMemberFacts } from "../../../domain/crew/model.ts";

const MIN = 60_000;

/** A flight departing at `departure` (ISO, UTC) for `minutes`, A20N unless told. */
export function flight(
  id: string,
  route: string,
  departure: string,
  minutes: number,
  extra: Partial<CrewFlight> = {},
): CrewFlight {
  const [origin, destination] = route.split("-");
  const departureAt = Date.parse(departure);
  return {
    id,
    origin,
    destination,
    originTz: "UTC",
    departureAt,
    arrivalAt: departureAt + minutes * MIN,
    aircraftType: "A20N",
    ...extra,
  };
}

/** An active captain based at JFK rated on the A20N, unless told otherwise. */
export function member(extra: Partial<CrewMemberFacts> = {}): CrewMemberFacts {
  return {
    id: "m1",
    role: "captain",
    homeBase: "JFK",
    typeRatings: ["A20N"],
    active: true,
    unavailability: [],
    ...extra,
  };
}

/** `count` flights of `minutes` each, `everyHours` apart from `start`, alternating JFK/BOS. */
export function series(
  prefix: string,
  start: string,
  count: number,
  everyHours: number,
  minutes: number,
): CrewFlight[] {
  return Array.from({ length: count }, (_, i) =>
    flight(
      `${prefix}${i}`,
      i % 2 ? "BOS-JFK" : "JFK-BOS",
      new Date(Date.parse(start) + i * everyHours * 3_600_000).toISOString(),
      minutes,
    ));
}
