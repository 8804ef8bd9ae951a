/** Input schemas of the crew endpoints and pages; the routes validate with them, OpenAPI shows them. */
import { z } from "zod";
import { CrewRoleSchema } from "../../domain/crew/model.ts";
import { iataCode } from "../../domain/airport_code.ts";

const uuid = (what: string) => z.uuid({ message: `expected a ${what} id` });
const typeCode = z.string().trim().toUpperCase().regex(
  /^[A-Z0-9-]{2,10}$/,
  "expected an aircraft type code like A20N",
);
const time = z.iso.datetime({ offset: true, message: "expected an ISO 8601 date-time" })
  .transform((s) => new Date(s));
const date = z.iso.date({ message: "expected a date like 2030-03-01" });
const DAY_MS = 86_400_000;

/** `:id` of a crew member. */
export const CrewIdParam = z.object({ id: uuid("crew member") });
/** `:id` of a crew member and `:periodId` of one of their unavailability periods. */
export const PeriodParam = z.object({ id: uuid("crew member"), periodId: uuid("period") });
/** `:id` of a flight and `:crewId` of a member on it. */
export const FlightCrewParam = z.object({ id: uuid("flight"), crewId: uuid("crew member") });

/** Query of `GET /api/admin/crew`. */
export const CrewListQuery = z.object({
  role: CrewRoleSchema.optional(),
  base: iataCode.optional(),
  q: z.string().trim().max(100).optional().transform((s) => s || undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

const fields = {
  employeeNumber: z.string().trim().toUpperCase().regex(
    /^[A-Z0-9-]{2,20}$/,
    "expected 2-20 letters, digits or dashes",
  ),
  name: z.string().trim().min(1).max(100),
  role: CrewRoleSchema,
  homeBase: iataCode,
  typeRatings: z.array(typeCode).max(20).transform((codes) => [...new Set(codes)]),
};

/** Body of `POST /api/admin/crew`. */
export const CreateCrewBody = z.object({ ...fields, userId: uuid("user").optional() }).strict();

/** Body of `PUT /api/admin/crew/:id`: the fields to change (`userId: null` unlinks). */
export const UpdateCrewBody = z.object({
  ...z.object(fields).partial().shape,
  userId: uuid("user").nullable().optional(),
  active: z.boolean().optional(),
}).strict().refine((b) => Object.keys(b).length > 0, "nothing to change");

/** Body of `POST /api/admin/crew/:id/unavailability`. */
export const UnavailabilityBody = z.object({
  startsAt: time,
  endsAt: time,
  reason: z.string().trim().min(1).max(200),
}).strict().superRefine((p, ctx) => {
  // zod runs this even when a field already failed; then there are no dates to compare.
  if (!(p.startsAt instanceof Date && p.endsAt instanceof Date)) return;
  const ms = p.endsAt.getTime() - p.startsAt.getTime();
  if (ms <= 0 || ms > 366 * DAY_MS) {
    ctx.addIssue({
      code: "custom",
      path: ["endsAt"],
      message: ms <= 0 ? "must be after startsAt" : "a period lasts at most 366 days",
    });
  }
});

/** Body of `POST /api/admin/flights/:id/crew`. */
export const AssignCrewBody = z.object({
  crewId: uuid("crew member"),
  role: CrewRoleSchema,
  override: z.object({
    reason: z.string().trim().min(10, "say why in at least 10 characters").max(500),
  }).strict().optional(),
}).strict();

/** Days from `from` to `to`, both included. */
function span(r: { from: string; to: string }): number {
  return (Date.parse(r.to) - Date.parse(r.from)) / DAY_MS + 1;
}

function withinDays(maxDays: number) {
  return (r: { from: string; to: string }, ctx: z.RefinementCtx) => {
    if (r.to < r.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
    } else if (span(r) > maxDays) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `the range is at most ${maxDays} days`,
      });
    }
  };
}

/** Query of `GET /api/admin/crew/shortfalls`: local departure dates, at most 31 days. */
export const ShortfallQuery = z.object({
  from: date,
  to: date,
  limit: z.coerce.number().int().min(1).max(500).default(100),
  page: z.coerce.number().int().min(1).max(1000).default(1),
}).superRefine(withinDays(31));

/** Body of `POST /api/admin/crew/auto-assign`: local departure dates, at most 7 days. */
export const AutoAssignBody = z.object({ from: date, to: date }).strict()
  .superRefine(withinDays(7));

/** Query of `GET /api/admin/crew/plan`: a day, and whether to leave out its flights. */
export const StoredPlanQuery = z.object({
  date,
  flights: z.enum(["0", "1"], { message: "expected 0 or 1" }).default("1")
    .transform((v) => v === "1"),
}).strict();

/** Body of `POST /api/admin/crew/auto-assign/accept`: the (possibly edited) proposal. */
export const AcceptPlanBody = z.object({
  assignments: z.array(
    z.object({ flightId: uuid("flight"), crewId: uuid("crew member"), role: CrewRoleSchema })
      .strict(),
  ).min(1).max(500),
  /** Flights members ride to position, each taking a seat through the flight's actor. */
  positioning: z.array(
    z.object({ flightId: uuid("flight"), crewId: uuid("crew member") }).strict(),
  ).max(500).default([]),
}).strict();
