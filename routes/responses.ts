/**
 * Response bodies of the passenger and public API, as zod schemas: documented in the OpenAPI
 * document (the named ones as components) and, under test, checked against every answer
 * (`checkResponsesAgainstDeclarations`). Each describes what the handler really sends: the
 * view types of domain/views and the use cases of services/.
 */
import { z } from "@hono/zod-openapi";
import { CABIN_CODES } from "../domain/seat_layout.ts";
import { FLIGHT_STATUSES } from "../domain/flight_status.ts";
import { NOTIFICATION_KINDS } from "../domain/notification_kinds.ts";

// --- Building blocks -----------------------------------------------------------------------

/** An instant as ISO 8601 text (UTC `Z`, or with an offset when Postgres wrote it). */
export const timestamp = (description?: string) =>
  z.string().meta({ format: "date-time", ...(description ? { description } : {}) });

/** An id (Postgres uuid). */
const uuid = () => z.string().meta({ format: "uuid" });

/** A calendar date, `YYYY-MM-DD`. */
const date = (description?: string) =>
  z.string().meta({ format: "date", ...(description ? { description } : {}) });

/** An amount in minor units (cents) of the accompanying currency. */
const minor = (description = "Minor units (e.g. cents) of `currency`.") =>
  z.number().int().meta({ description });

/**
 * A status or kind the view types carry as a plain string: documented with its values, not
 * enforced (the database's CHECK constraints are what keep it to them).
 */
const oneOf = (values: readonly string[], description = "") =>
  z.string().meta({
    description: `${description}${description ? " " : ""}One of: ${values.join(", ")}.`,
  });

const currency = z.string().meta({ description: "ISO 4217 code, e.g. USD." });
const iata = z.string().meta({ description: "IATA airport code." });
const CABINS = "F first, J business, W premium economy, Y economy.";
const cabin = z.enum(CABIN_CODES).meta({ description: CABINS });
/** A cabin code where the view types carry it as a string. */
const cabinCode = oneOf(CABIN_CODES, CABINS);

/** A page number and size as the request gave them. */
const paging = { page: z.number().int(), limit: z.number().int() };

// --- Accounts ------------------------------------------------------------------------------

/** A user account as its owner and the API see it (never the password hash). */
export const User = z.object({
  id: uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["passenger", "operator", "admin"]),
  homeAirport: iata.nullable(),
  disabled: z.boolean(),
  createdAt: timestamp(),
}).openapi("User");

/** A signed-in session: the user and its tokens (also set as cookies). */
export const Session = z.object({
  user: User,
  accessToken: z.string().meta({ description: "JWT; send as `Authorization: Bearer`." }),
  refreshToken: z.string().meta({
    description: "Single use: `POST /api/auth/refresh` spends it for a new pair.",
  }),
  expiresIn: z.number().int().meta({ description: "Seconds the access token lives." }),
}).openapi("Session");

/** `GET /api/me`. */
export const MeResponse = z.object({ user: User });

const exportRows = <T extends z.ZodRawShape>(shape: T) => z.array(z.object(shape));

/**
 * `GET /api/me/export`: every row held about the user, as stored (snake_case column names),
 * stamped with the time of the export.
 */
export const AccountExport = z.object({
  exportedAt: timestamp(),
  user: z.object({
    id: uuid(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    home_airport: z.string().nullable(),
    created_at: timestamp(),
    updated_at: timestamp(),
  }),
  bookings: exportRows({
    id: uuid(),
    pnr: z.string(),
    status: z.string(),
    segments: z.array(z.object({
      flightId: uuid(),
      flight: z.string().meta({ description: "Carrier and number, e.g. CT101." }),
      cabin: z.string(),
      seats: z.array(z.string()),
      status: z.string(),
    })),
    total_amount: minor(),
    currency,
    contact_email: z.string().nullable(),
    created_at: timestamp(),
    confirmed_at: timestamp().nullable(),
    cancelled_at: timestamp().nullable(),
    passengers: z.array(z.object({
      firstName: z.string(),
      lastName: z.string(),
      dateOfBirth: z.string().nullable(),
      email: z.string().nullable(),
    })),
    tickets: z.array(z.object({
      number: z.string(),
      coupons: z.array(z.object({
        coupon: z.number().int(),
        flightId: uuid(),
        seat: z.string().nullable(),
        status: z.string(),
      })).nullable(),
    })),
    payments: z.array(z.object({
      kind: z.string(),
      amount: minor(),
      currency,
      status: z.string(),
      cardBrand: z.string().nullable(),
      cardLast4: z.string().nullable(),
      createdAt: timestamp(),
    })),
  }),
  notifications: exportRows({
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    read_at: timestamp().nullable(),
    created_at: timestamp(),
  }),
  notificationPreferences: exportRows({
    kind: z.string(),
    email: z.boolean(),
    push: z.boolean(),
    updated_at: timestamp(),
  }),
  pushSubscriptions: exportRows({
    endpoint: z.string(),
    user_agent: z.string().nullable(),
    created_at: timestamp(),
    last_sent_at: timestamp().nullable(),
  }),
  emails: exportRows({
    template: z.string(),
    recipient: z.string(),
    payload: z.record(z.string(), z.unknown()),
    status: z.string(),
    created_at: timestamp(),
    sent_at: timestamp().nullable(),
    attachments: z.array(z.string()).meta({ description: "File names." }),
  }),
  searches: exportRows({
    origin: z.string(),
    destination: z.string(),
    travel_date: z.string(),
    searched_at: timestamp(),
  }),
  waitlist: exportRows({
    flight_id: uuid(),
    cabin: z.string(),
    passengers: z.array(z.unknown()),
    status: z.string(),
    created_at: timestamp(),
  }),
  sessions: exportRows({
    created_at: timestamp(),
    expires_at: timestamp(),
    rotated_at: timestamp().nullable(),
    revoked_at: timestamp().nullable(),
  }),
  audit: exportRows({
    action: z.string(),
    entity_type: z.string(),
    entity_id: z.string(),
    created_at: timestamp(),
  }),
}).openapi("AccountExport");

// --- Flights and search --------------------------------------------------------------------

const place = z.object({ iata, city: z.string(), tz: z.string().meta({ description: "IANA." }) });

/** A flight as passengers see it, with local times in each airport's zone. */
export const Flight = z.object({
  id: uuid(),
  carrier: z.string(),
  flightNumber: z.string(),
  origin: place,
  destination: place,
  departureLocal: z.string().meta({ description: "At the origin, `YYYY-MM-DDTHH:MM`." }),
  arrivalLocal: z.string().meta({ description: "At the destination, `YYYY-MM-DDTHH:MM`." }),
  departureAt: timestamp(),
  arrivalAt: timestamp(),
  durationMinutes: z.number().int(),
  aircraftType: z.string(),
  aircraftName: z.string(),
  status: oneOf(FLIGHT_STATUSES),
  estimatedDepartureAt: timestamp().nullable().optional().meta({
    description: "When a delayed flight is now expected to leave; null when on time.",
  }),
  baseFares: z.partialRecord(z.enum(CABIN_CODES), z.number().int()).meta({
    description: "Base fare per cabin the flight has, in minor units.",
  }),
  currency,
}).openapi("Flight");

/** `GET /api/flights`. */
export const FlightPage = z.object({ data: z.array(Flight), ...paging }).openapi("FlightPage");

/** A cabin's live availability and price for one seat now. */
export const CabinOffer = z.object({
  code: cabin,
  seatsLeft: z.number().int(),
  price: minor("Per seat if held now, minor units; absent when sold out.").optional(),
  bucket: z.string().meta({ description: "Fare bucket; absent when sold out." }).optional(),
}).openapi("CabinOffer");

/** `GET /api/flights/{id}`. */
export const FlightWithOffers = Flight.extend({ cabins: z.array(CabinOffer) }).openapi(
  "FlightWithOffers",
);

const Seat = z.object({
  id: z.string().meta({ description: "e.g. 12A" }),
  row: z.number().int(),
  letter: z.string(),
  window: z.boolean(),
  aisle: z.boolean(),
  exitRow: z.boolean(),
  extraLegroom: z.boolean(),
  status: z.enum(["free", "held", "sold", "blocked"]),
}).openapi("Seat");

/** `GET /api/flights/{id}/seats`: the public seat map (no holds, owners or bookings). */
export const SeatMap = z.object({
  flightId: uuid(),
  currency,
  seq: z.number().int().meta({
    description: "Inventory version; the seat stream goes on from it.",
  }),
  cabins: z.array(CabinOffer.extend({
    name: z.string(),
    rows: z.array(z.object({ row: z.number().int(), seats: z.array(Seat) })),
    seatsAcross: z.string().meta({
      description: "Seat letters, `|` for an aisle, e.g. `ABC|DEF`.",
    }),
  })),
}).openapi("SeatMap");

/** One bookable itinerary of a search: its legs, layovers and live price. */
export const Itinerary = z.object({
  id: z.string().meta({ description: "The legs' flight ids joined by `+`." }),
  stops: z.number().int(),
  legs: z.array(Flight),
  layovers: z.array(z.object({ airport: iata, minutes: z.number().int() })),
  departureAt: timestamp(),
  arrivalAt: timestamp(),
  departureLocal: z.string().meta({ description: "First leg, `YYYY-MM-DDTHH:MM` local." }),
  durationMinutes: z.number().int(),
  seatsLeft: z.number().int().meta({ description: "The fewest left on any leg." }),
  totalPrice: minor("For the whole party, minor units."),
  price: z.object({ perPassenger: minor(), total: minor(), currency }),
  badges: z.array(z.enum(["cheapest", "fastest", "best"])),
}).openapi("Itinerary");

const datedFare = z.object({
  date: date(),
  price: minor("The day's cheapest journey per passenger, minor units."),
});
const nearby = z.array(z.object({
  iata,
  city: z.string(),
  name: z.string(),
  km: z.number().int().meta({ description: "Great-circle distance from the searched airport." }),
})).meta({ description: "Served airports within 800 km, nearest first (at most 3)." });
const message = z.string().meta({ description: "The reason in plain words, for people." });

const emptyKinds = [
  z.object({ kind: z.literal("beyond_schedule"), message, openUntil: date("Last date flown.") }),
  z.object({
    kind: z.literal("route_not_served"),
    message,
    nearbyFrom: nearby,
    nearbyTo: nearby,
    nextConnection: date("First date a one-stop connection runs, if any.").optional(),
  }),
  z.object({
    kind: z.literal("no_flights_on_date"),
    message,
    nextDates: z.array(datedFare).meta({ description: "Next dates with seats (up to 3)." }),
  }),
  z.object({
    kind: z.literal("cabin_not_offered"),
    message,
    offered: z.array(z.object({ cabin, price: minor("Cheapest fare per passenger.") })).meta({
      description: "The cabins the day's journeys have, with their cheapest fare.",
    }),
  }),
  z.object({
    kind: z.literal("filtered"),
    message,
    total: z.number().int().meta({ description: "Journeys with seats without the filters." }),
  }),
  z.object({
    kind: z.literal("sold_out"),
    message,
    nextDates: z.array(datedFare).meta({ description: "Next dates with seats (up to 3)." }),
  }),
] as const;

/** Why a search found nothing (only on an empty answer), by `kind`. */
export const EmptySearch = z.discriminatedUnion("kind", emptyKinds).meta({
  description: "Present when nothing is found (a past date is refused: 422 `date_in_past`).",
}).openapi("EmptySearch");

const localTime = (description: string) =>
  z.string().meta({ description: `${description}, \`YYYY-MM-DDTHH:MM\` local.` });

/** Why a round trip has no way back, by `kind`: the one-way kinds of the return date, or one. */
export const EmptyReturn = z.discriminatedUnion("kind", [
  ...emptyKinds,
  z.object({
    kind: z.literal("no_return_after_outbound"),
    message,
    outbound: z.enum(["chosen", "earliest"]).meta({
      description: "Whose landing the times are from: the way out chosen, or the earliest.",
    }),
    outboundArrives: localTime("When that way out lands, at the destination"),
    connectMinutes: z.number().int().meta({
      description: "The destination's minimum connection time.",
    }),
    earliestReturn: localTime("The earliest a way back could leave"),
    lastReturn: localTime("When the return date's last way back leaves"),
    nextDates: z.array(datedFare).meta({
      description: "Next return dates with a way back that connects (up to 3).",
    }),
    latestOutbound: z.object({
      id: z.string().meta({ description: "Its flights' ids joined by `+`." }),
      date: date(),
      departureLocal: localTime("It leaves"),
      arrivalLocal: localTime("It lands"),
    }).optional().meta({
      description: "The latest way out (that day, else the day before) that connects.",
    }),
  }),
]).meta({
  description: "Round trip: ways out there are, but none has a way back that connects. " +
    "`filtered`: ways back connect, but no pair is within `maxPrice`.",
}).openapi("EmptyReturn");

/** `GET /api/flights/search`. */
export const ItineraryPage = z.object({
  data: z.array(Itinerary).meta({ description: "This page (of the ways out, for a round trip)." }),
  total: z.number().int().meta({ description: "Itineraries on every page." }),
  ...paging,
  inbound: z.array(Itinerary).optional().meta({
    description: "Round trip (`returnDate`): every way back that a way out connects to, ranked.",
  }),
  cheapestTotal: minor("Round trip: the lowest total of a way out and back, for the party.")
    .optional(),
  empty: EmptySearch.optional(),
  inboundEmpty: EmptyReturn.optional(),
}).openapi("ItineraryPage");

/** `GET /api/flights/calendar`. */
export const FareCalendar = z.object({
  month: z.string().meta({ description: "`YYYY-MM`" }),
  currency,
  days: z.array(z.object({
    date: date(),
    price: minor("The day's cheapest journey (direct or one stop) per passenger, minor units."),
    stops: z.number().int().meta({ description: "0: a direct flight; 1: a connection." }),
    flights: z.array(uuid()).meta({ description: "That journey's flights, in travel order." }),
  })).meta({ description: "Only days with a journey with seats for the party." }),
}).openapi("FareCalendar");

/** An airport as autosuggest shows it. */
export const Airport = z.object({
  iata,
  name: z.string(),
  city: z.string(),
  country: z.string(),
  tz: z.string(),
  served: z.boolean().meta({ description: "Contrail flies from here." }),
}).openapi("Airport");

/** `GET /api/airports`. */
export const AirportList = z.object({ data: z.array(Airport) });

/** A suggested route and why. */
export const Recommendation = z.object({
  from: iata,
  fromCity: z.string(),
  to: iata,
  toCity: z.string(),
  reason: z.enum(["recent_search", "past_trip", "popular_from_home", "popular"]),
  fromPrice: minor("Lowest base fare of upcoming flights; null when none.").nullable(),
  currency,
  nextDepartureAt: timestamp().nullable(),
}).openapi("Recommendation");

/** `GET /api/recommendations`. */
export const RecommendationList = z.object({ data: z.array(Recommendation) });

// --- Bookings ------------------------------------------------------------------------------

const BOOKING_STATUSES = ["held", "confirmed", "cancelled", "expired", "refunded"];
const TICKET_STATUSES = [
  "open",
  "checked_in",
  "boarded",
  "flown",
  "void",
  "refunded",
  "exchanged",
];
const SEGMENT_STATUSES = ["held", "confirmed", "expired", "released", "cancelled"];

const Passenger = z.object({
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: date().optional(),
  email: z.string().optional(),
}).openapi("Passenger");

/** One coupon of an e-ticket: the passenger's right to one flight. */
export const Coupon = z.object({
  coupon: z.number().int().min(1).meta({ description: "1, 2, … in travel order." }),
  flightId: uuid(),
  seat: z.string().nullable(),
  status: oneOf(TICKET_STATUSES),
}).openapi("Coupon");

/** A passenger's e-ticket for the whole journey. */
export const Ticket = z.object({
  number: z.string().meta({ description: "13 digits: airline code 914 and a serial." }),
  passenger: z.number().int().meta({ description: "Index in `passengers`." }),
  seat: z.string().nullable().meta({ description: "The seat of the next coupon to fly." }),
  status: oneOf(TICKET_STATUSES).meta({ description: "The status of the next coupon to fly." }),
  coupons: z.array(Coupon),
}).openapi("Ticket");

/** One flight of a booking. */
export const Segment = z.object({
  flightId: uuid(),
  cabin: cabinCode,
  seats: z.array(z.string()),
  unitPrice: minor("One seat on this flight, minor units."),
  seatFees: minor("The party's seat fees on this flight (in the total), minor units.")
    .optional(),
  status: oneOf(SEGMENT_STATUSES),
  departureAt: timestamp(),
}).openapi("Segment");

/** A charge or refund of a booking. */
export const Payment = z.object({
  id: uuid(),
  kind: oneOf(["charge", "refund"]),
  status: oneOf(["pending", "succeeded", "declined", "failed", "refunded"]),
  amount: minor(),
  currency,
  cardBrand: z.string().nullable(),
  cardLast4: z.string().nullable(),
  createdAt: timestamp(),
}).openapi("Payment");

const bookingFields = {
  id: uuid(),
  pnr: z.string().meta({ description: "6-character booking reference." }),
  status: oneOf(BOOKING_STATUSES),
  flightId: uuid().meta({ description: "The first live segment's flight (see `segments`)." }),
  cabin: cabinCode,
  seats: z.array(z.string()),
  segments: z.array(Segment).meta({ description: "The flights in travel order." }),
  total: minor("Whole booking, minor units."),
  currency,
  expiresAt: timestamp("When the seats' hold lapses (or lapsed); null without a hold.").nullable(),
  createdAt: timestamp(),
  confirmedAt: timestamp().nullable(),
  cancelledAt: timestamp().nullable(),
  tickets: z.array(Ticket),
};

/** A booking with its passengers, tickets and payments. */
export const Booking = z.object({
  ...bookingFields,
  userId: uuid().nullable(),
  holdId: z.string().nullable().meta({ description: "The seats' hold while not paid." }),
  passengers: z.array(Passenger),
  payments: z.array(Payment),
}).openapi("Booking");

/** `POST /api/bookings`: the held booking and the price of one passenger's journey. */
export const HeldBooking = Booking.extend({
  unitPrice: minor("One passenger's seats on every segment, minor units."),
}).openapi("HeldBooking");

/** `GET /api/bookings`. */
export const BookingPage = z.object({ data: z.array(Booking), ...paging }).openapi(
  "BookingPage",
);

/** `GET /api/bookings/lookup`: the trip, without user, hold, contact details or payments. */
export const Trip = z.object({
  ...bookingFields,
  passengers: z.array(z.object({ firstName: z.string(), lastName: z.string() })),
}).openapi("Trip");

/** `POST /api/bookings/{id}/pay`. */
export const PaidBooking = z.object({
  booking: Booking,
  tickets: z.array(Ticket).meta({ description: "The e-tickets issued (as in `booking`)." }),
  payment: Payment,
}).openapi("PaidBooking");

/** `POST /api/bookings/{id}/cancel`. */
export const CancelledBooking = z.object({
  booking: Booking,
  refunded: minor("Refunded by the fare rule, minor units; 0 when none."),
});

/** `POST /api/flights/{id}/waitlist`. */
export const WaitlistEntry = z.object({
  id: uuid(),
  flightId: uuid(),
  cabin,
  position: z.number().int().meta({ description: "1 = first in line." }),
  status: z.literal("waiting"),
}).openapi("WaitlistEntry");

// --- Check-in ------------------------------------------------------------------------------

/** `POST /api/bookings/{id}/check-in`: the coupons of the flights checked in. */
export const CheckIn = z.object({
  bookingId: uuid(),
  flightIds: z.array(uuid()).meta({
    description: "The flights checked in: the one asked for and its connections within 24 h.",
  }),
  tickets: z.array(z.object({
    number: z.string(),
    coupon: z.number().int(),
    flightId: uuid(),
    seat: z.string().nullable(),
    checkinSequence: z.number().int().nullable().meta({
      description: "Check-in sequence number on the flight; null until checked in.",
    }),
    status: oneOf(TICKET_STATUSES),
    firstName: z.string(),
    lastName: z.string(),
  })),
}).openapi("CheckIn");

/** One flight of a boarding pass: what the printed pass shows about it. */
export const PassFlight = z.object({
  flightId: uuid(),
  carrier: z.string(),
  flightNumber: z.string(),
  origin: place,
  destination: place,
  departureAt: timestamp("Departure: the estimate when the flight is delayed."),
  boardingAt: timestamp(
    "When boarding starts: 40 min before a narrow-body's departure, 50 before a wide-body's.",
  ),
  local: z.object({
    date: z.string().meta({ description: 'Local date of departure, "Fri 1 Mar".' }),
    departure: z.string().meta({ description: 'Local departure time, "12:00".' }),
    boarding: z.string().meta({ description: 'Local time boarding starts, "11:20".' }),
    zone: z.string().meta({ description: 'The origin\'s zone at departure, "CET" or "GMT+9".' }),
  }).meta({ description: "The date and times as printed, local at the origin." }),
  gate: z.string().nullable().meta({ description: "null while to be announced." }),
  group: z.number().int().min(1).max(5).meta({
    description: "Boarding group: 1 First and Business, 2 Premium economy, then economy " +
      "window 3, middle 4, aisle 5.",
  }),
  cabin: cabinCode,
  seat: z.string(),
  sequence: z.number().int().meta({ description: "Check-in sequence number." }),
}).openapi("PassFlight");

/**
 * One boarding pass: its (first) flight's facts as printed, every flight it covers, the IATA
 * BCBP text and its PDF417 barcode.
 */
export const BoardingPass = PassFlight.extend({
  ticket: z.string().meta({ description: "The 13-digit e-ticket number." }),
  passenger: z.string().meta({ description: "First and last name." }),
  flightIds: z.array(uuid()).meta({ description: "The flight, or each leg of a multi-leg pass." }),
  legs: z.array(PassFlight).meta({
    description: "Each flight of the pass in travel order (one, or up to 4 with multiLeg).",
  }),
  bcbp: z.string().meta({ description: "IATA Bar Coded Boarding Pass (Resolution 792)." }),
  barcode: z.object({ format: z.literal("pdf417"), svg: z.string() }).meta({
    description: "The BCBP as a PDF417 barcode, SVG markup.",
  }),
}).openapi("BoardingPass");

/** `GET /api/bookings/{id}/boarding-passes`. */
export const BoardingPasses = z.object({
  bookingId: uuid(),
  pnr: z.string(),
  passes: z.array(BoardingPass),
  ics: z.string().meta({ description: "The itinerary as iCalendar text." }),
});

// --- Notifications -------------------------------------------------------------------------

/** An in-app notification. */
export const Notification = z.object({
  id: uuid(),
  seq: z.number().int().meta({ description: "Per-user order; the stream's event id." }),
  kind: oneOf(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()).meta({ description: "Kind-specific, e.g. bookingId." }),
  readAt: timestamp().nullable(),
  createdAt: timestamp(),
}).openapi("Notification");

const unread = z.number().int().meta({ description: "Unread notifications left." });

/** `GET /api/me/notifications`. */
export const NotificationPage = z.object({
  data: z.array(Notification),
  unread,
  limit: z.number().int(),
  nextBefore: z.number().int().nullable().meta({
    description: "`before` of the next (older) page; null on the last.",
  }),
}).openapi("NotificationPage");

/** `POST /api/me/notifications/read-all`. */
export const ReadAllResult = z.object({
  updated: z.number().int().meta({ description: "How many were marked read." }),
  unread,
});

/** `POST /api/me/notifications/{id}/read`. */
export const ReadOneResult = Notification.extend({ unread });

/** Email and push per notification kind (`GET`/`PUT /api/me/notification-preferences`). */
export const NotificationPreferences = z.object({
  preferences: z.record(
    z.enum(NOTIFICATION_KINDS),
    z.object({
      inApp: z.literal(true),
      email: z.boolean(),
      push: z.boolean(),
      locked: z.boolean().meta({ description: "Operational kinds: cannot be turned off." }),
    }),
  ),
}).openapi("NotificationPreferences");

/** `GET /api/push/vapid-public-key`. */
export const VapidKey = z.object({
  publicKey: z.string().meta({ description: "base64url; `applicationServerKey`." }),
});

/** `POST /api/me/push-subscriptions`. */
export const PushSubscriptionId = z.object({ id: uuid() });

/** `DELETE /api/me/push-subscriptions`. */
export const Deleted = z.object({ deleted: z.number().int().meta({ description: "How many." }) });
