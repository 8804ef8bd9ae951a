/**
 * Response bodies of the operator and admin API (`/api/admin/*`): what each endpoint really
 * sends, as zod schemas its declaration documents (and, under test, checks answers against).
 * Named ones become OpenAPI components; admin-only names are prefixed where a passenger
 * schema could use the same word (AdminFlight, AdminUser, AdminAirport).
 */
import { z } from "@hono/zod-openapi";
import { CREW_ROLES } from "../domain/crew/model.ts";
import { VIOLATION_CODES } from "../domain/crew/legality.ts";
import { FLIGHT_STATUSES } from "../domain/flight_status.ts";
import { CABIN_CODES } from "../domain/seat_layout.ts";
import { LOCAL_TIME_CODES } from "../domain/schedule.ts";

const instant = (description = "ISO 8601 UTC") => z.string().meta({ description });
const localTime = z.string().meta({ description: "Local time at the airport, YYYY-MM-DDTHH:mm" });
const cabinCode = z.enum(CABIN_CODES);
const crewRole = z.enum(CREW_ROLES);
const count = z.number().int();
/** Minor units (cents) per cabin code. */
const faresByCabin = z.record(z.string(), z.number()).meta({
  description: "Per cabin code (F, J, W, Y), in minor units of the flight's currency",
});

/** `{data, page, limit, total}`: one page of `item`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    page: count,
    limit: count,
    total: count.meta({ description: "How many match in all" }),
  });
}

// ----- Fleet: aircraft types, airframes, airports -----

/** One cabin of a seat layout, as stored (defaults filled in). */
export const CabinLayout = z.object({
  code: cabinCode,
  name: z.string(),
  firstRow: count,
  lastRow: count,
  seatsAcross: z.string().meta({ description: "Seat letters, `|` for an aisle: `ABC|DEF`" }),
  skipRows: z.array(count),
  exitRows: z.array(count),
  extraLegroomRows: z.array(count),
  blockedSeats: z.array(z.string()),
  missingSeats: z.array(z.string()),
  pitchInches: count.optional(),
}).openapi("CabinLayout");

/** A seat layout: cabins front to back. */
export const SeatLayout = z.object({ cabins: z.array(CabinLayout) }).openapi("SeatLayout");

/** An aircraft type as listed, with its active airframes. */
export const AircraftTypeSummary = z.object({
  code: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  seatCount: count,
  cruiseKmh: count,
  rangeKm: count,
  activeAircraft: count.meta({ description: "Active airframes of this type" }),
}).openapi("AircraftTypeSummary");

/** An aircraft type with its seat layout. */
export const AircraftType = z.object({
  code: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  seatCount: count,
  cruiseKmh: count,
  rangeKm: count,
  layout: SeatLayout.meta({ description: "The default configuration's seat layout" }),
  defaultConfiguration: z.string().meta({
    description: "The configuration a type named alone means",
  }),
  createdAt: instant(),
  updatedAt: instant(),
}).openapi("AircraftType");

/** A cabin configuration of an aircraft type: its own seat layout. */
export const AircraftConfiguration = z.object({
  typeCode: z.string(),
  code: z.string(),
  name: z.string(),
  layout: SeatLayout,
  seatCount: count,
  isDefault: z.boolean(),
  createdAt: instant(),
  updatedAt: instant(),
}).openapi("AircraftConfiguration");

const LayoutSummary = z.object({
  seatCount: count,
  cabins: z.array(z.object({
    code: cabinCode,
    name: z.string(),
    rows: count,
    seats: count,
    sellable: count.meta({ description: "Seats not blocked" }),
    exitRows: z.array(count),
    blockedSeats: z.array(z.string()),
  })),
  exitRows: z.array(count),
  exitRowSeats: count,
  blockedSeats: z.array(z.string()),
}).openapi("SeatLayoutSummary");

/** A configuration with a per-cabin summary and whether its layout may change. */
export const AircraftConfigurationDetail = AircraftConfiguration.extend({
  summary: LayoutSummary,
  upcomingFlights: count.meta({ description: "Flights not yet departed sold from it" }),
  layoutEditable: z.boolean().meta({ description: "True while no upcoming flight uses it" }),
}).openapi("AircraftConfigurationDetail");

/** An aircraft type with a per-cabin summary and whether its layout may change. */
export const AircraftTypeDetail = AircraftType.extend({
  summary: LayoutSummary,
  upcomingFlights: count.meta({
    description: "Flights not yet departed sold from the default configuration",
  }),
  layoutEditable: z.boolean().meta({ description: "True while no upcoming flight uses it" }),
  configurations: z.array(AircraftConfigurationDetail),
}).openapi("AircraftTypeDetail");

/** One airframe. */
export const Aircraft = z.object({
  registration: z.string(),
  typeCode: z.string(),
  configCode: z.string().meta({ description: "The cabin configuration it is fitted with" }),
  name: z.string().nullable(),
  active: z.boolean(),
  createdAt: instant(),
}).openapi("Aircraft");

/** An airport as the admin API shows and edits it. */
export const AdminAirport = z.object({
  iata: z.string(),
  icao: z.string().nullable(),
  name: z.string(),
  city: z.string(),
  country: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  tz: z.string().meta({ description: "IANA time zone" }),
  minConnectionMinutes: count.nullable().meta({
    description: "Its own minimum connection time; null for the default (60 min).",
  }),
}).openapi("AdminAirport");

/** `changed` of an edit's answer. */
export const changed = z.boolean().meta({ description: "False when it already was as asked" });

// ----- Crew -----

/** A crew member as the admin API shows them. */
export const CrewMember = z.object({
  id: z.string(),
  employeeNumber: z.string(),
  name: z.string(),
  role: crewRole,
  homeBase: z.string(),
  typeRatings: z.array(z.string()).meta({ description: "Aircraft type codes" }),
  userId: z.string().nullable().meta({ description: "The linked user account" }),
  active: z.boolean(),
  createdAt: instant(),
}).openapi("CrewMember");

/** A period a crew member cannot work. */
export const CrewUnavailability = z.object({
  id: z.string(),
  startsAt: instant(),
  endsAt: instant(),
  reason: z.string(),
}).openapi("CrewUnavailability");

/** A flight as crew responses show it; times follow a published delay. */
export const CrewFlight = z.object({
  flightId: z.string(),
  carrier: z.string(),
  flightNumber: z.string(),
  origin: z.string(),
  destination: z.string(),
  departureLocal: localTime,
  departureAt: instant("ISO 8601 UTC (estimated when delayed)"),
  arrivalAt: instant("ISO 8601 UTC (estimated when delayed)"),
  aircraftType: z.string(),
  seats: count.meta({ description: "Passenger seats of the aircraft type" }),
  status: z.string(),
}).openapi("CrewFlight");

/** A crew member with their unavailability and upcoming assignments. */
export const CrewMemberDetail = CrewMember.extend({
  unavailability: z.array(CrewUnavailability),
  upcoming: z.array(CrewFlight.extend({
    role: crewRole.meta({ description: "The position flown" }),
    overrideReason: z.string().nullable(),
  })),
}).openapi("CrewMemberDetail");

/** A recorded unavailability with the assignments it conflicts with. */
export const CrewUnavailabilityAdded = CrewUnavailability.extend({
  conflicts: z.array(CrewFlight).meta({
    description: "Assigned flights whose duty overlaps the period",
  }),
}).openapi("CrewUnavailabilityAdded");

/** One broken legality rule; other keys carry its figures (minutes, ids, times). */
export const CrewViolation = z.object({
  code: z.enum(VIOLATION_CODES),
  message: z.string(),
}).openapi("CrewViolation");

const Complement = z.object({
  captains: count,
  pilots: count,
  cabin: count,
});

/** What a flight lacks of its minimum crew complement. */
export const CrewShortfall = Complement.extend({
  positions: z.array(crewRole).meta({ description: "Positions to fill, captain first" }),
  short: z.boolean(),
}).openapi("CrewShortfall");

/** One flight's crew, complement, shortfall and legality now. */
export const FlightCrew = z.object({
  flight: CrewFlight,
  complement: Complement.meta({ description: "The minimum crew the flight needs" }),
  short: CrewShortfall,
  crew: z.array(z.object({
    crewId: z.string(),
    name: z.string(),
    employeeNumber: z.string(),
    memberRole: crewRole.meta({ description: "The member's own role" }),
    role: crewRole.meta({ description: "The position flown" }),
    overrideReason: z.string().nullable(),
    assignedAt: instant(),
    warnings: z.array(CrewViolation).meta({ description: "Rules broken as things stand" }),
  })),
}).openapi("FlightCrew");

/** An assignment made (201). */
export const CrewAssignment = z.object({
  flightId: z.string(),
  crewId: z.string(),
  role: crewRole,
  assignedAt: instant(),
  overrideReason: z.string().nullable().meta({ description: "Set when rules were overridden" }),
  overridden: z.array(CrewViolation),
}).openapi("CrewAssignment");

/** A crew member taken off a flight. */
export const CrewRemoval = z.object({
  flightId: z.string(),
  crewId: z.string(),
  role: crewRole,
  removed: z.literal(true),
}).openapi("CrewRemoval");

/** Flights short of crew, a page at a time. */
export const CrewShortfallPage = pageOf(CrewFlight.extend({
  crew: z.array(z.object({ crewId: z.string(), role: crewRole })),
  short: CrewShortfall,
})).extend({ from: z.string(), to: z.string() }).openapi("CrewShortfallPage");

/** Legal crew proposed for understaffed flights; nothing written. */
export const CrewPlan = z.object({
  from: z.string(),
  to: z.string(),
  flights: z.array(CrewFlight.extend({
    proposals: z.array(z.object({ crewId: z.string(), role: crewRole, name: z.string() })),
    unfilled: z.array(crewRole),
  })),
  positioning: z.array(CrewFlight.extend({ crewId: z.string(), name: z.string() })).meta({
    description: "Flights members ride as positioning passengers to work their pairings",
  }),
  proposed: count.meta({ description: "Proposals over all flights" }),
  unfilled: count.meta({ description: "Positions left unfilled over all flights" }),
}).openapi("CrewPlan");

/** A day's stored auto-assign proposal (computed in the background). */
export const StoredCrewPlan = z.object({
  date: z.string(),
  state: z.enum(["fresh", "stale", "computing"]).meta({
    description: "fresh: computed from the crew and schedule as they are; stale: something " +
      "changed since (a new plan is being computed); computing: none yet, ask again shortly",
  }),
  computedAt: z.string().optional(),
  tookMs: count.optional().meta({ description: "How long the planner took" }),
  proposed: count,
  unfilled: count,
  flights: CrewPlan.shape.flights.optional().meta({
    description: "Flights still to depart, with proposals (left out with flights=0)",
  }),
  positioning: CrewPlan.shape.positioning.optional(),
}).openapi("StoredCrewPlan");

const refusedItem = <T extends z.ZodRawShape>(shape: T, codes: [string, ...string[]]) =>
  z.object({
    flightId: z.string(),
    crewId: z.string(),
    ...shape,
    status: z.literal("refused"),
    code: z.enum(codes),
    detail: z.string(),
    violations: z.array(CrewViolation),
  });

const REFUSALS: [string, ...string[]] = [
  "crew_not_found",
  "flight_not_found",
  "flight_closed",
  "already_assigned",
  "crew_assignment_illegal",
];

/** What accepting a plan did, item by item. */
export const CrewPlanAccepted = z.object({
  assigned: count,
  refused: count,
  positioned: count.meta({ description: "Positioning legs seated" }),
  results: z.array(z.discriminatedUnion("status", [
    z.object({
      flightId: z.string(),
      crewId: z.string(),
      role: crewRole,
      status: z.literal("assigned"),
      assignedAt: instant(),
    }),
    refusedItem({ role: crewRole }, REFUSALS),
  ])),
  positioning: z.array(z.discriminatedUnion("status", [
    z.object({
      flightId: z.string(),
      crewId: z.string(),
      status: z.literal("positioned"),
      seat: z.string(),
    }),
    refusedItem({}, [...REFUSALS, "no_free_seat"]),
  ])),
}).openapi("CrewPlanAccepted");

// ----- Flights -----

/** A flight as operators see it: schedule, aircraft, controls, status and load. */
export const AdminFlight = z.object({
  id: z.string(),
  carrier: z.string(),
  flightNumber: z.string(),
  origin: z.string(),
  destination: z.string(),
  departureLocal: localTime,
  arrivalLocal: localTime,
  departureAt: instant(),
  arrivalAt: instant(),
  aircraftType: z.string(),
  aircraftConfiguration: z.string().meta({ description: "The type's cabin configuration" }),
  aircraftRegistration: z.string().nullable(),
  status: z.string(),
  gate: z.string().nullable(),
  estimatedDepartureAt: instant().nullable(),
  boardingAt: instant("When boarding started; null unless boarding, departed or arrived")
    .nullable(),
  baseFares: faresByCabin,
  overbooking: z.record(z.string(), z.number()).meta({
    description: "Seats each cabin may sell beyond its capacity, per cabin code",
  }),
  holdTtlSeconds: count.nullable().meta({ description: "Null: the default hold time" }),
  currency: z.string(),
  seriesId: z.string().nullable().meta({ description: "The recurring schedule it belongs to" }),
  version: count,
  capacity: count,
  sold: count,
  held: count,
  loadFactor: z.number().meta({ description: "sold / capacity, 3 decimals" }),
}).openapi("AdminFlight");

/** A page of the operators' flight list, with the date range it covers. */
export const AdminFlightPage = pageOf(AdminFlight).extend({
  from: z.string().meta({ description: "First local departure date, YYYY-MM-DD" }),
  to: z.string().meta({ description: "Last local departure date, YYYY-MM-DD" }),
  next: z.string().optional().meta({ description: "Cursor of the next page (pass as after)" }),
  prev: z.string().optional().meta({ description: "Cursor of the previous page (as before)" }),
}).openapi("AdminFlightPage");

/** A published status change as the history stores it (the columns as named in Postgres). */
const StatusHistoryRow = z.object({
  version: count,
  kind: z.string(),
  status: z.string(),
  previous_status: z.string(),
  reason: z.string().nullable(),
  estimated_departure_at: instant().nullable(),
  estimated_arrival_at: instant().nullable(),
  gate: z.string().nullable(),
  boarding_at: instant().nullable(),
  actor_id: z.string().nullable(),
  created_at: instant(),
}).openapi("StatusHistoryRow");

/** A flight with its status history, oldest change first. */
export const AdminFlightDetail = AdminFlight.extend({
  statusHistory: z.array(StatusHistoryRow),
  connections: z.object({
    connecting: z.number().int().meta({
      description: "Live bookings that connect onto another of their flights at the destination.",
    }),
    atRisk: z.number().int().meta({
      description: "Of those, the connections the current (estimated) arrival no longer makes.",
    }),
  }),
}).openapi("AdminFlightDetail");

/** A flight after an edit, and what changed. */
export const AdminFlightEdited = AdminFlight.extend({
  changes: z.array(z.enum(["number", "route", "times", "aircraft", "registration", "fares"])),
}).openapi("AdminFlightEdited");

/** What an aircraft change did. */
export const AircraftChange = z.object({
  flight: AdminFlight,
  moved: z.array(z.object({
    bookingId: z.string(),
    pnr: z.string(),
    from: z.array(z.string()),
    to: z.array(z.string().nullable()).meta({ description: "Null: a seat at check-in" }),
  })).meta({ description: "Bookings whose seats changed" }),
  holdsMoved: count,
  unblocked: z.array(z.string()).meta({ description: "Blocked seats the change lifted" }),
  crewWithoutRating: z.array(z.object({ crewId: z.string(), name: z.string() })).meta({
    description: "Assigned crew without a rating for the new type",
  }),
}).openapi("AircraftChange");

/** What an aircraft change would do, decided on the flight's live inventory. */
export const AircraftPreview = z.object({
  aircraftType: z.string(),
  aircraftConfiguration: z.string(),
  aircraftRegistration: z.string().nullable(),
  possible: z.boolean().meta({ description: "False: the change would be refused (refusal)" }),
  refusal: z.object({ code: z.string(), detail: z.string() }).nullable(),
  shortfalls: z.array(z.object({ cabin: cabinCode, needed: count, available: count })).meta({
    description: "Cabins with more passengers than sellable seats on the new layout",
  }),
  passengersAffected: count.meta({ description: "Sold seats whose seat number would change" }),
  moved: z.array(z.object({
    bookingId: z.string(),
    pnr: z.string(),
    from: z.array(z.string()),
    to: z.array(z.string().nullable()).meta({ description: "Null: a seat at check-in" }),
  })),
  holdsMoved: count,
  unblocked: z.array(z.string()),
  crewWithoutRating: z.array(z.object({ crewId: z.string(), name: z.string() })),
}).openapi("AircraftPreview");

/** A flight's commercial controls and live counters, per cabin. */
export const FlightPricing = z.object({
  flightId: z.string(),
  currency: z.string(),
  holdTtlSeconds: count,
  salesClosed: z.boolean(),
  cabins: z.array(z.object({
    code: cabinCode,
    baseFare: z.number().meta({ description: "Minor units" }),
    capacity: count,
    authorized: count.meta({ description: "Seats the cabin may sell" }),
    overbooking: count.meta({ description: "authorized − capacity" }),
    buckets: z.array(z.object({
      code: z.string(),
      multiplier: z.number(),
      limit: count.meta({ description: "Seats held or sold up to which the bucket is open" }),
    })),
    blocked: count,
    held: count,
    sold: count,
    available: count,
    price: z.number().nullable().meta({ description: "A seat's price now; null when full" }),
    bucket: z.string().nullable(),
  })),
}).openapi("FlightPricing");

/** Seats blocked, and the inventory's sequence number after. */
export const SeatsBlocked = z.object({ blocked: z.array(z.string()), seq: count });
/** Seats put back on sale, and the inventory's sequence number after. */
export const SeatsUnblocked = z.object({ unblocked: z.array(z.string()), seq: count });

/** A message sent to a flight, with how many it reached. */
export const FlightMessage = z.object({
  id: z.string(),
  audience: z.enum(["passengers", "crew", "all"]),
  title: z.string(),
  body: z.string(),
  passengers: count.meta({ description: "Passengers it went to" }),
  crew: count.meta({ description: "Crew it went to" }),
  createdAt: instant(),
}).openapi("FlightMessage");

/** Messages sent to a flight, newest first. */
export const FlightMessageList = z.object({
  data: z.array(FlightMessage.extend({
    author: z.string().nullable().meta({ description: "Who sent it" }),
  })),
});

/** What reaccommodation did for a cancelled flight. */
export const ReaccommodationReport = z.object({
  flightId: z.string(),
  rebooked: z.array(z.object({
    bookingId: z.string(),
    pnr: z.string(),
    flightIds: z.array(z.string()),
    cabin: z.string(),
  })),
  refundOffered: z.array(z.object({ bookingId: z.string(), pnr: z.string() })),
  holdsReleased: count.meta({ description: "Unpaid holds given back" }),
}).openapi("ReaccommodationReport");

/** Each booking's outcome after a cancellation. */
export const ReaccommodationOutcomes = z.object({
  flightId: z.string(),
  data: z.array(z.object({
    bookingId: z.string(),
    pnr: z.string(),
    status: z.string(),
    flightIds: z.array(z.string()).meta({ description: "New flights, empty unless rebooked" }),
    cabin: z.string().nullable(),
    seats: z.array(z.string()),
    updatedAt: instant(),
  })),
}).openapi("ReaccommodationOutcomes");

const flightStatus = z.enum(FLIGHT_STATUSES);

/** A published status change; a cancellation carries its reaccommodation. */
export const StatusChange = z.object({
  type: z.literal("FlightStatusChanged"),
  flightId: z.string(),
  version: count,
  kind: z.enum(["delayed", "gate_changed", "boarding", "departed", "arrived", "cancelled"]),
  status: flightStatus,
  previousStatus: flightStatus,
  reason: z.string().nullable(),
  departureAt: instant(),
  arrivalAt: instant(),
  estimatedDepartureAt: instant().nullable(),
  estimatedArrivalAt: instant().nullable(),
  gate: z.string().nullable(),
  previousGate: z.string().nullable(),
  boardingAt: instant("When boarding started (actual time); null unless it has").nullable(),
  at: instant("When it was published"),
  reaccommodation: ReaccommodationReport.optional().meta({ description: "Cancellations only" }),
}).openapi("AdminStatusChange");

/** What cancelling a flight would do to its passengers: an estimate, nothing held. */
export const ReaccommodationPlan = z.object({
  flightId: z.string(),
  estimate: z.literal(true).meta({ description: "Seats may move before the cancellation" }),
  passengersAffected: count,
  rebooked: z.array(z.object({
    bookingId: z.string(),
    pnr: z.string(),
    passengers: count,
    cabin: cabinCode,
    flights: z.array(z.object({ flightId: z.string(), label: z.string() })),
    replaced: z.array(z.string()).meta({ description: "Onward flights the new way replaces" }),
  })),
  refundOffered: z.array(z.object({ bookingId: z.string(), pnr: z.string(), passengers: count })),
  holdsToRelease: count,
}).openapi("ReaccommodationPlan");

/** KV against Postgres for one flight. */
export const Reconciliation = z.object({
  flightId: z.string(),
  kvSeq: count,
  postgresSeq: count,
  drift: z.array(z.object({
    what: z.enum(["seq", "hold", "sale", "blocked"]),
    id: z.string(),
    kv: z.unknown().meta({ description: "KV's value (seats, seq or presence)" }),
    postgres: z.unknown().meta({ description: "Postgres's value" }),
  })),
  inSync: z.boolean(),
  projected: z.object({
    flightId: z.string(),
    from: count,
    to: count,
    applied: count,
    gap: z.boolean(),
    freed: z.boolean(),
  }).optional().meta({ description: "With `?project=true`: the projection run first" }),
}).openapi("Reconciliation");

// ----- Schedule -----

const clockCode = z.enum(LOCAL_TIME_CODES).optional().meta({
  description: "Set when a clock change is why: the time is skipped, or happens twice, that day",
});

/** A recurring schedule's preview. */
export const SeriesPreview = z.object({
  count: count.meta({ description: "Flights that would be created" }),
  skipped: count,
  planned: z.array(z.object({
    date: z.string(),
    departureLocal: localTime,
    arrivalLocal: localTime,
    departureAt: instant().optional(),
    arrivalAt: instant().optional(),
    problem: z.string().optional().meta({ description: "Why this date cannot be created" }),
    code: clockCode,
  })),
}).openapi("SeriesPreview");

/** A recurring schedule created. */
export const SeriesCreated = z.object({
  seriesId: z.string(),
  created: count,
  flightIds: z.array(z.string()),
  skipped: z.array(z.object({ date: z.string(), problem: z.string(), code: clockCode })),
}).openapi("SeriesCreated");

// ----- Jobs -----

/** A background job's progress. */
export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  total: count.nullable().meta({ description: "Null while the upload is still arriving" }),
  processed: count,
  accepted: count,
  rejected: count,
  filename: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: instant(),
  startedAt: instant().nullable(),
  finishedAt: instant().nullable(),
  failure: z.string().nullable().meta({ description: "Why the job failed as a whole" }),
  dryRun: z.boolean().meta({
    description: "A validation run: `accepted` counts what would have been created; nothing was",
  }),
  undoes: z.string().nullable().meta({
    description: "An undo job (kind `flights.import_undo`): the import it undoes. Its " +
      "`total` counts the import's flights, `accepted` those deleted, `rejected` those kept",
  }),
  undoneBy: z.string().nullable().meta({
    description: "An import: the job undoing it, once an undo was asked for",
  }),
}).openapi("Job");

/** A rejected row of an import, or a flight an undo kept. */
export const JobRejection = z.object({
  line: count.meta({ description: "The row's line; for an undo, the flight's place in its walk" }),
  reason: z.string(),
  flight: z.object({ id: z.string(), label: z.string() }).optional().meta({
    description: "An undo job's kept flight",
  }),
}).openapi("JobRejection");

/** A job with its first rejected rows. */
export const JobReport = Job.extend({
  rejections: z.array(JobRejection),
  reasons: z.array(z.object({ reason: z.string(), count })).meta({
    description: "The commonest rejection reasons, most rows first (up to 20)",
  }),
}).openapi("JobReport");

/** A bulk upload, or an import's undo, accepted as a job. */
export const JobQueued = z.object({
  id: z.string(),
  status: z.literal("queued"),
  total: count.meta({ description: "Rows staged; for an undo, the import's flights" }),
  location: z.string().meta({ description: "The job's URL" }),
}).openapi("JobQueued");

// ----- Dev mailbox -----

/** A kept email as the mailbox lists it (no bodies). */
export const MailboxEntry = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  attachments: z.array(z.string()).meta({ description: "File names" }),
  createdAt: instant(),
}).openapi("MailboxEntry");

/** A kept email with its bodies and attachments. */
export const MailboxMessage = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  attachments: z.array(z.object({
    filename: z.string(),
    contentType: z.string(),
    content: z.string().meta({ description: "Base64" }),
  })),
  createdAt: instant(),
}).openapi("MailboxMessage");

// ----- Reports -----

const units = z.record(z.string(), z.string()).meta({
  description: "What each field measures, by field name",
});
const Money = z.object({
  currency: z.string(),
  amount: z.number().meta({ description: "Minor units" }),
});
const revenue = z.array(Money).meta({ description: "Per currency, never summed across" });
const totals = {
  flights: count.meta({ description: "Flights not cancelled" }),
  cancelled: count,
  capacity: count,
  sold: count,
  loadFactor: z.number(),
  revenue,
};

/** Load factor and revenue per flight. */
export const FlightsReport = z.object({
  from: z.string(),
  to: z.string(),
  sort: z.enum(["departure", "loadFactor", "revenue"]),
  page: count,
  limit: count,
  total: count,
  units,
  data: z.array(z.object({
    id: z.string(),
    carrier: z.string(),
    flightNumber: z.string(),
    origin: z.string(),
    destination: z.string(),
    departureLocal: localTime,
    departureAt: instant(),
    status: z.string(),
    capacity: count,
    sold: count,
    loadFactor: z.number(),
    revenue,
    currency: z.string(),
  })),
}).openapi("FlightsReport");

/** Load factor and revenue per route. */
export const RoutesReport = z.object({
  from: z.string(),
  to: z.string(),
  units,
  data: z.array(z.object({ origin: z.string(), destination: z.string(), ...totals })),
}).openapi("RoutesReport");

/** Load factor and revenue per local departure date. */
export const DailyReport = z.object({
  from: z.string(),
  to: z.string(),
  currencies: z.array(z.string()).meta({ description: "Every currency of the range" }),
  units,
  data: z.array(z.object({ date: z.string(), ...totals })),
}).openapi("DailyReport");

/** Bookings per UTC hour. */
export const HourlyBookingsReport = z.object({
  from: instant("Start of the first UTC hour"),
  to: instant("End of the last UTC hour"),
  units,
  data: z.array(z.object({
    hour: instant("Start of the UTC hour"),
    created: count,
    confirmed: count,
    cancelled: count,
    expired: count,
  })),
}).openapi("HourlyBookingsReport");

/** Flying and duty time per crew member. */
export const CrewHoursReport = z.object({
  from: z.string(),
  to: z.string(),
  units,
  data: z.array(z.object({
    crewId: z.string(),
    employeeNumber: z.string(),
    name: z.string(),
    role: z.string(),
    homeBase: z.string(),
    flights: count,
    duties: count,
    blockMinutes: count,
    dutyMinutes: count,
  })),
}).openapi("CrewHoursReport");

// ----- Users -----

/** A user as admins see them (never the password hash). */
export const AdminUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["passenger", "operator", "admin"]),
  homeAirport: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: instant(),
  disabledAt: instant().nullable(),
  updatedAt: instant(),
}).openapi("AdminUser");

/** One audit log entry. */
export const AuditEntry = z.object({
  id: count,
  actorId: z.string().nullable(),
  action: z.string().meta({ description: "e.g. user.role_changed" }),
  entityType: z.string(),
  entityId: z.string(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  createdAt: instant(),
}).openapi("AuditEntry");
