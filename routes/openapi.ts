import { z } from "zod";
import { ACCESS } from "./access.ts";
import { UpcomingQuery } from "./api/flights.ts";
import { AirportQuery } from "./api/airports.ts";
import { CalendarQuery, SearchQuery } from "./api/search.ts";
import { LoginBody, RegisterBody, TokenBody } from "./api/auth.ts";
import { CreateBooking, ListQuery, LookupQuery, SeatsBody } from "./api/bookings.ts";
import { PayBody } from "./api/booking_payment.ts";
import { JoinWaitlist } from "./api/waitlist.ts";
import { BookingIdParam, FlightIdParam } from "./schemas.ts";
import { StatusBody } from "./api/admin_flight_status.ts";
import { LAST_EVENT_ID_HEADER, StreamQuery } from "./sse.ts";
import { NotificationIdParam, NotificationsQuery, ReadAllBody } from "./api/notifications.ts";
import { PreferencesBody } from "./api/notification_preferences.ts";
import { PushSubscriptionBody, PushUnsubscribeBody } from "./api/push.ts";
import { MailboxIdParam } from "./api/admin_mailbox.ts";
import { JobIdParam, JobsQuery, RejectionsQuery } from "./api/admin_jobs.ts";
import { AdminFlightsQuery } from "./api/admin_flights.ts";
import { FlightInputSchema, RecurrenceSchema } from "../domain/schedule.ts";
import { AircraftBody, PricingBody, SeatBlockBody } from "./api/admin_flight_inventory.ts";
import { MessageBody } from "./api/admin_flight_messages.ts";
import {
  DisableBody,
  EnableBody,
  RoleBody,
  UserIdParam,
  UserListQuery,
} from "./api/admin_users.ts";
import {
  AirportCodeParam,
  AirportListQuery,
  CreateAirportBody,
  UpdateAirportBody,
} from "./api/admin_airports.ts";
import { CreateTypeBody, TypeCodeParam, UpdateTypeBody } from "./api/admin_aircraft_types.ts";
import {
  AircraftListQuery,
  CreateAircraftBody,
  RegistrationParam,
  UpdateAircraftBody,
} from "./api/admin_aircraft.ts";
import {
  CrewHoursQuery,
  DateRangeQuery,
  FlightsReportQuery,
  HourRangeQuery,
} from "./api/admin_reports.ts";
import {
  AcceptPlanBody,
  AssignCrewBody,
  AutoAssignBody,
  CreateCrewBody,
  CrewIdParam,
  CrewListQuery,
  FlightCrewParam,
  PeriodParam,
  ShortfallQuery,
  UnavailabilityBody,
  UpdateCrewBody,
} from "./api/admin_crew_schemas.ts";

/** One documented operation; its schemas are the ones the routes validate with. */
interface Operation {
  method: string;
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  headers?: { name: string; required: boolean; description: string }[];
  ok: number;
  /** A server-sent event stream rather than JSON. */
  stream?: boolean;
}

/** A server-sent event stream: resumable by header or query. */
const stream = (path: string, summary: string, tag: string, params?: z.ZodObject) => ({
  method: "get",
  path,
  summary,
  tag,
  params,
  query: StreamQuery,
  headers: [LAST_EVENT_ID_HEADER],
  ok: 200,
  stream: true,
});

const idem = (required: boolean) => [{
  name: "Idempotency-Key",
  required,
  description: "Retries with the same key get the first answer; 1-128 characters.",
}];

/** Every endpoint of the JSON API. A test checks this list against the access table. */
export const OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/api/auth/register",
    summary: "Create a passenger account",
    tag: "Accounts",
    body: RegisterBody,
    ok: 201,
  },
  {
    method: "post",
    path: "/api/auth/login",
    summary: "Sign in",
    tag: "Accounts",
    body: LoginBody,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/auth/refresh",
    summary: "Rotate the refresh token",
    tag: "Accounts",
    body: TokenBody,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/auth/logout",
    summary: "Sign out (revokes the token family)",
    tag: "Accounts",
    body: TokenBody,
    ok: 204,
  },
  { method: "get", path: "/api/me", summary: "The signed-in user", tag: "Accounts", ok: 200 },
  {
    method: "get",
    path: "/api/me/export",
    summary: "Everything held about me (GDPR)",
    tag: "Accounts",
    ok: 200,
  },
  {
    method: "delete",
    path: "/api/me",
    summary: "Erase my personal data",
    tag: "Accounts",
    ok: 204,
  },
  {
    method: "get",
    path: "/api/airports",
    summary: "Airport autosuggest",
    tag: "Search",
    query: AirportQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/flights",
    summary: "Upcoming departures",
    tag: "Search",
    query: UpcomingQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/flights/search",
    summary: "Direct and 1-stop itineraries with live prices",
    tag: "Search",
    query: SearchQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/flights/calendar",
    summary: "Cheapest fare per day of a month",
    tag: "Search",
    query: CalendarQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/flights/{id}",
    summary: "A flight with live cabin offers",
    tag: "Search",
    params: FlightIdParam,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/flights/{id}/seats",
    summary: "The live seat map",
    tag: "Search",
    params: FlightIdParam,
    ok: 200,
  },
  stream("/api/flights/{id}/seats/stream", "Live seat map (SSE)", "Realtime", FlightIdParam),
  stream("/api/flights/{id}/status/stream", "Live flight status (SSE)", "Realtime", FlightIdParam),
  stream("/api/me/notifications/stream", "My notifications as they arrive (SSE)", "Realtime"),
  stream("/api/admin/ops/stream", "Status changes and booking counters (SSE)", "Realtime"),
  {
    method: "post",
    path: "/api/admin/flights/{id}/status",
    summary: "Publish a flight status change",
    tag: "Operations",
    params: FlightIdParam,
    body: StatusBody,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/flights/{id}/waitlist",
    summary: "Wait for seats in a full cabin",
    tag: "Bookings",
    params: FlightIdParam,
    body: JoinWaitlist,
    ok: 201,
  },
  {
    method: "get",
    path: "/api/recommendations",
    summary: "Suggested routes",
    tag: "Search",
    ok: 200,
  },
  {
    method: "post",
    path: "/api/bookings",
    summary: "Hold seats into a booking",
    tag: "Bookings",
    body: CreateBooking,
    headers: idem(false),
    ok: 201,
  },
  {
    method: "get",
    path: "/api/bookings",
    summary: "My bookings",
    tag: "Bookings",
    query: ListQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/bookings/lookup",
    summary: "Find a trip by PNR and last name",
    tag: "Bookings",
    query: LookupQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/bookings/{id}",
    summary: "A booking with tickets and payments",
    tag: "Bookings",
    params: BookingIdParam,
    ok: 200,
  },
  {
    method: "patch",
    path: "/api/bookings/{id}/seats",
    summary: "Change seats while held",
    tag: "Bookings",
    params: BookingIdParam,
    body: SeatsBody,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/bookings/{id}/pay",
    summary: "Pay, confirm and issue e-tickets",
    tag: "Bookings",
    params: BookingIdParam,
    body: PayBody,
    headers: idem(true),
    ok: 200,
  },
  {
    method: "post",
    path: "/api/bookings/{id}/cancel",
    summary: "Cancel; refund by fare rule",
    tag: "Bookings",
    params: BookingIdParam,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/bookings/{id}/check-in",
    summary: "Check in (24 h to 45 min before)",
    tag: "Bookings",
    params: BookingIdParam,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/bookings/{id}/boarding-passes",
    summary: "IATA BCBP boarding passes with PDF417",
    tag: "Bookings",
    params: BookingIdParam,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/bookings/{id}/itinerary.ics",
    summary: "The itinerary as iCalendar",
    tag: "Bookings",
    params: BookingIdParam,
    ok: 200,
  },
  {
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics, text format 0.0.4 (or Bearer METRICS_TOKEN)",
    tag: "Operations",
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/flights/{id}/reconcile",
    summary: "KV against Postgres for a flight",
    tag: "Operations",
    params: FlightIdParam,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/me/notifications",
    summary: "My notifications, newest first, with the unread count",
    tag: "Notifications",
    query: NotificationsQuery,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/me/notifications/{id}/read",
    summary: "Mark one of my notifications read",
    tag: "Notifications",
    params: NotificationIdParam,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/me/notifications/read-all",
    summary: "Mark all my notifications read (optionally up to a seq)",
    tag: "Notifications",
    body: ReadAllBody,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/me/notification-preferences",
    summary: "Email and push per notification kind",
    tag: "Notifications",
    ok: 200,
  },
  {
    method: "put",
    path: "/api/me/notification-preferences",
    summary: "Change email and push per kind (operational kinds: 422 if turned off)",
    tag: "Notifications",
    body: PreferencesBody,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/push/vapid-public-key",
    summary: "The VAPID public key for pushManager.subscribe",
    tag: "Notifications",
    ok: 200,
  },
  {
    method: "post",
    path: "/api/me/push-subscriptions",
    summary: "Register this browser for Web Push",
    tag: "Notifications",
    body: PushSubscriptionBody,
    ok: 201,
  },
  {
    method: "delete",
    path: "/api/me/push-subscriptions",
    summary: "Unregister one browser, or all",
    tag: "Notifications",
    body: PushUnsubscribeBody,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/flights",
    summary: "Flights in a date range with load, filtered, sorted and paged",
    tag: "Schedule",
    query: AdminFlightsQuery,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/flights",
    summary: "Create a flight (local times at each airport)",
    tag: "Schedule",
    body: FlightInputSchema,
    ok: 201,
  },
  {
    method: "get",
    path: "/api/admin/flights/{id}",
    summary: "A flight with controls, load and status history",
    tag: "Schedule",
    params: FlightIdParam,
    ok: 200,
  },
  {
    method: "put",
    path: "/api/admin/flights/{id}",
    summary: "Replace a flight's schedule, aircraft and fares",
    tag: "Schedule",
    params: FlightIdParam,
    body: FlightInputSchema,
    ok: 200,
  },
  {
    method: "delete",
    path: "/api/admin/flights/{id}",
    summary: "Delete a flight nobody booked (otherwise cancel it)",
    tag: "Schedule",
    params: FlightIdParam,
    ok: 204,
  },
  {
    method: "post",
    path: "/api/admin/flights/recurring/preview",
    summary: "Preview a recurring schedule: every dated flight and what would be skipped",
    tag: "Schedule",
    body: RecurrenceSchema,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/flights/recurring",
    summary: "Create a recurring schedule (weekdays over a date range)",
    tag: "Schedule",
    body: RecurrenceSchema,
    ok: 201,
  },
  {
    method: "post",
    path: "/api/admin/flights/bulk",
    summary: "Bulk-upload flights: a CSV as multipart/form-data field `file` (up to 64 MiB), " +
      "imported by a background job; answers 202 with the job's Location",
    tag: "Operations",
    ok: 202,
  },
  {
    method: "get",
    path: "/api/admin/jobs",
    summary: "Recent background jobs, newest first",
    tag: "Operations",
    query: JobsQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/jobs/{id}",
    summary: "A job's progress with its first 100 rejected rows",
    tag: "Operations",
    params: JobIdParam,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/jobs/{id}/rejections",
    summary: "Every rejected row of a job (line and reason), a page at a time",
    tag: "Operations",
    params: JobIdParam,
    query: RejectionsQuery,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/flights/{id}/aircraft",
    summary: "Change the aircraft; sold seats are remapped (409 with conflicts if too small)",
    tag: "Schedule",
    params: FlightIdParam,
    body: AircraftBody,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/flights/{id}/pricing",
    summary: "Fares, authorization levels, buckets and hold time per cabin",
    tag: "Pricing",
    params: FlightIdParam,
    ok: 200,
  },
  {
    method: "put",
    path: "/api/admin/flights/{id}/pricing",
    summary: "Change fares, authorization levels or hold time (through the flight's actor)",
    tag: "Pricing",
    params: FlightIdParam,
    body: PricingBody,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/flights/{id}/seats/block",
    summary: "Block seats from sale",
    tag: "Pricing",
    params: FlightIdParam,
    body: SeatBlockBody,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/flights/{id}/seats/unblock",
    summary: "Put blocked seats back on sale",
    tag: "Pricing",
    params: FlightIdParam,
    body: SeatBlockBody,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/flights/{id}/messages",
    summary: "Message a flight's passengers and/or crew (in-app and email)",
    tag: "Operations",
    params: FlightIdParam,
    body: MessageBody,
    ok: 201,
  },
  {
    method: "get",
    path: "/api/admin/flights/{id}/messages",
    summary: "Messages sent to a flight",
    tag: "Operations",
    params: FlightIdParam,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/flights/{id}/reaccommodate",
    summary: "Rebook a cancelled flight's passengers again (safe to repeat)",
    tag: "Operations",
    params: FlightIdParam,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/flights/{id}/reaccommodation",
    summary: "Each passenger's rebooking or refund offer after a cancellation",
    tag: "Operations",
    params: FlightIdParam,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/mailbox",
    summary: "Dev mailbox: email kept instead of sent (no RESEND_API_KEY)",
    tag: "Operations",
    query: ListQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/mailbox/{id}",
    summary: "One dev mailbox message with bodies and attachments",
    tag: "Operations",
    params: MailboxIdParam,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/users",
    summary: "Search users by email or name, newest first (admins)",
    tag: "Users",
    query: UserListQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/users/{id}",
    summary: "A user with their recent audit trail (admins)",
    tag: "Users",
    params: UserIdParam,
    ok: 200,
  },
  {
    method: "put",
    path: "/api/admin/users/{id}/role",
    summary: "Change a user's role; their earlier access tokens stop working (admins)",
    tag: "Users",
    params: UserIdParam,
    body: RoleBody,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/users/{id}/disable",
    summary: "Disable an account: sign-in refused, sessions revoked at once (admins)",
    tag: "Users",
    params: UserIdParam,
    body: DisableBody,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/users/{id}/enable",
    summary: "Let a disabled account sign in again (admins)",
    tag: "Users",
    params: UserIdParam,
    body: EnableBody,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/airports",
    summary: "Search airports by code, name, city or country",
    tag: "Fleet",
    query: AirportListQuery,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/airports",
    summary: "Add an airport (IANA time zone)",
    tag: "Fleet",
    body: CreateAirportBody,
    ok: 201,
  },
  {
    method: "put",
    path: "/api/admin/airports/{iata}",
    summary: "Edit an airport (its time zone only while no flight uses it)",
    tag: "Fleet",
    params: AirportCodeParam,
    body: UpdateAirportBody,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/aircraft-types",
    summary: "Aircraft types with seat counts",
    tag: "Fleet",
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/aircraft-types/{code}",
    summary: "An aircraft type with its seat layout and a per-cabin summary",
    tag: "Fleet",
    params: TypeCodeParam,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/aircraft-types",
    summary: "Add an aircraft type with its seat layout",
    tag: "Fleet",
    body: CreateTypeBody,
    ok: 201,
  },
  {
    method: "put",
    path: "/api/admin/aircraft-types/{code}",
    summary: "Edit an aircraft type (its layout only while no upcoming flight uses it)",
    tag: "Fleet",
    params: TypeCodeParam,
    body: UpdateTypeBody,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/aircraft",
    summary: "Airframes, by type and activity",
    tag: "Fleet",
    query: AircraftListQuery,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/aircraft",
    summary: "Add an airframe",
    tag: "Fleet",
    body: CreateAircraftBody,
    ok: 201,
  },
  {
    method: "put",
    path: "/api/admin/aircraft/{registration}",
    summary: "Edit an airframe (its type only while unassigned to upcoming flights)",
    tag: "Fleet",
    params: RegistrationParam,
    body: UpdateAircraftBody,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/reports/flights",
    summary: "Load factor and revenue per flight (by local departure date, max 92 days)",
    tag: "Reports",
    query: FlightsReportQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/reports/routes",
    summary: "Seat-weighted load factor and revenue per route",
    tag: "Reports",
    query: DateRangeQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/reports/daily",
    summary: "Load factor and revenue per local departure date, zero days included",
    tag: "Reports",
    query: DateRangeQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/reports/bookings-per-hour",
    summary: "Bookings created, confirmed, cancelled and expired per UTC hour (max 31 days)",
    tag: "Reports",
    query: HourRangeQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/reports/crew-hours",
    summary: "Flights, block and duty minutes per crew member, most block time first",
    tag: "Reports",
    query: CrewHoursQuery,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/crew",
    summary: "The crew roster, by role, base or name",
    tag: "Crew",
    query: CrewListQuery,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/crew",
    summary: "Add a crew member",
    tag: "Crew",
    body: CreateCrewBody,
    ok: 201,
  },
  {
    method: "get",
    path: "/api/admin/crew/shortfalls",
    summary: "Flights short of the minimum crew complement (at most 31 days)",
    tag: "Crew",
    query: ShortfallQuery,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/crew/auto-assign",
    summary: "Propose legal crew for understaffed flights (at most 7 days; nothing written)",
    tag: "Crew",
    body: AutoAssignBody,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/crew/auto-assign/accept",
    summary: "Assign a proposal: each item re-checked, illegal ones refused",
    tag: "Crew",
    body: AcceptPlanBody,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/crew/{id}",
    summary: "A crew member with unavailability and upcoming assignments",
    tag: "Crew",
    params: CrewIdParam,
    ok: 200,
  },
  {
    method: "put",
    path: "/api/admin/crew/{id}",
    summary: "Change a crew member (ratings, base, active, ...)",
    tag: "Crew",
    params: CrewIdParam,
    body: UpdateCrewBody,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/crew/{id}/unavailability",
    summary: "Record a period a crew member cannot work",
    tag: "Crew",
    params: CrewIdParam,
    body: UnavailabilityBody,
    ok: 201,
  },
  {
    method: "delete",
    path: "/api/admin/crew/{id}/unavailability/{periodId}",
    summary: "Remove an unavailability period",
    tag: "Crew",
    params: PeriodParam,
    ok: 200,
  },
  {
    method: "get",
    path: "/api/admin/flights/{id}/crew",
    summary: "A flight's crew, complement, shortfall and legality warnings",
    tag: "Crew",
    params: FlightIdParam,
    ok: 200,
  },
  {
    method: "post",
    path: "/api/admin/flights/{id}/crew",
    summary: "Assign a crew member (422 crew_assignment_illegal lists violations)",
    tag: "Crew",
    params: FlightIdParam,
    body: AssignCrewBody,
    ok: 201,
  },
  {
    method: "delete",
    path: "/api/admin/flights/{id}/crew/{crewId}",
    summary: "Remove a crew member from a flight",
    tag: "Crew",
    params: FlightCrewParam,
    ok: 200,
  },
];

function schema(t: z.ZodType): Record<string, unknown> {
  const s = z.toJSONSchema(t, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

function parameters(obj: z.ZodObject | undefined, where: "query" | "path") {
  if (!obj) return [];
  const json = schema(obj) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: s,
  }));
}

/** Roles allowed on an operation, from the one access table. */
export function rolesOf(op: Operation): string[] {
  const path = op.path.replace(/\{(\w+)\}/g, ":$1");
  return ACCESS.find(([m, p]) => m === op.method.toUpperCase() && p === path)?.[2] ?? [];
}

let cached: unknown;

/** The OpenAPI 3.1 document. */
export function openApiDocument(): unknown {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const roles = rolesOf(op);
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      "x-roles": roles,
      security: roles.includes("guest")
        ? [{}, { bearer: [] }, { cookie: [] }]
        : [{ bearer: [] }, { cookie: [] }],
      parameters: [
        ...parameters(op.params, "path"),
        ...parameters(op.query, "query"),
        ...(op.headers ?? []).map((h) => ({
          name: h.name,
          in: "header",
          required: h.required,
          description: h.description,
          schema: { type: "string" },
        })),
      ],
      ...(op.body
        ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: schema(op.body) } },
          },
        }
        : {}),
      responses: {
        [op.ok]: op.stream
          ? {
            description: "An event stream; every frame has an id",
            content: { "text/event-stream": { schema: { type: "string" } } },
          }
          : { description: "Success" },
        default: {
          description: "A problem",
          content: {
            "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
          },
        },
      },
    };
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Contrail API",
      version: "1.0.0",
      description: "Flight booking and operations. Errors are RFC 9457 problem details.",
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        cookie: {
          type: "apiKey",
          in: "cookie",
          name: "ct_access",
          description:
            "Browser session; state changes also need X-CSRF-Token = the ct_csrf cookie.",
        },
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "code"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            code: { type: "string" },
            detail: { type: "string" },
            instance: { type: "string" },
            requestId: { type: "string" },
            errors: {
              type: "array",
              items: {
                type: "object",
                properties: { path: { type: "string" }, message: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
  return cached;
}
