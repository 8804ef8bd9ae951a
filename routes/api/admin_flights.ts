import { type Context, Hono } from "hono";
import { z } from "zod";
import { AppError, notFound } from "../../domain/app_error.ts";
import { FLIGHT_STATUSES } from "../../domain/flight_status.ts";
import { type FlightInput, FlightInputSchema } from "../../domain/schedule.ts";
import { addDays } from "../../domain/time.ts";
import { getAdminFlight, listAdminFlights } from "../../db/admin_flights_repo.ts";
import { insertFlights } from "../../db/schedule_repo.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { listStatusHistory } from "../../db/flight_status_repo.ts";
import { bumpScheduleVersion } from "../../services/flights/cache_keys.ts";
import { resolveOr422, retireFlight } from "../../services/flights/flight_admin.ts";
import { editFlight, type EditOutcome } from "../../services/flights/flight_edit.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { FlightIdParam, iataCode } from "../schemas.ts";
import { adminDeps, auditOf } from "./admin_support.ts";

const MAX_RANGE_DAYS = 92;

/** Query of `GET /api/admin/flights`: a local-date range (default the next 7 days) and filters. */
export const AdminFlightsQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  origin: iataCode.optional(),
  destination: iataCode.optional(),
  status: z.enum(FLIGHT_STATUSES).optional(),
  number: z.string().trim().toUpperCase().regex(/^[0-9]{1,4}[A-Z]?$/, "expected a flight number")
    .optional(),
  sort: z.enum(["departure", "number", "loadFactor"]).default("departure"),
  order: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** Creates one flight (as `POST /flights`): 422 with every problem, 409 when its number is taken. */
export async function createFlight(
  deps: AppDeps,
  c: Context<AppEnv>,
  input: FlightInput,
): Promise<string> {
  const sql = deps.db.sql;
  const flight = await resolveOr422(sql, input);
  const [outcome] = await insertFlights(sql, [flight]);
  if (!("id" in outcome)) {
    throw new AppError(409, "flight_exists", {
      detail: `${flight.carrier} ${flight.flightNumber} already flies on ` +
        `${flight.departureLocal.slice(0, 10)}.`,
    });
  }
  await recordAudit(sql, auditOf(c, "flight.created", "flight", outcome.id, { flight }));
  await bumpScheduleVersion(deps.store);
  return outcome.id;
}

/** Edits a flight (as `PUT /flights/:id`), audited when anything changed. */
export async function saveFlight(
  deps: AppDeps,
  c: Context<AppEnv>,
  id: string,
  input: FlightInput,
): Promise<EditOutcome> {
  const result = await editFlight(adminDeps(deps), id, input);
  if (result.changes.length) {
    await recordAudit(deps.db.sql, auditOf(c, "flight.updated", "flight", id, result.audit));
  }
  return result;
}

/** Retires a flight nobody held, bought or paid for (as `DELETE /flights/:id`), else 409. */
export async function removeFlight(deps: AppDeps, c: Context<AppEnv>, id: string): Promise<void> {
  const flight = await retireFlight(adminDeps(deps), id);
  await recordAudit(deps.db.sql, auditOf(c, "flight.deleted", "flight", id, { flight }));
}

/** `/api/admin/flights`: list, create, read, edit and delete flights (operators, admins). */
export function adminFlightRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>()
    .get("/flights", validate("query", AdminFlightsQuery), async (c) => {
      const q = c.req.valid("query");
      const from = q.from ?? deps.clock.now().toISOString().slice(0, 10);
      const to = q.to ?? addDays(from, 7);
      if (to < from || to > addDays(from, MAX_RANGE_DAYS)) {
        throw new AppError(400, "invalid_range", {
          detail: `"to" must be on or after "from" and at most ${MAX_RANGE_DAYS} days later.`,
        });
      }
      const { data, total } = await listAdminFlights(sql, {
        ...q,
        from,
        to,
        offset: (q.page - 1) * q.limit,
      });
      return c.json({ data, total, page: q.page, limit: q.limit, from, to });
    })
    .post("/flights", validate("json", FlightInputSchema), async (c) => {
      const id = await createFlight(deps, c, c.req.valid("json"));
      c.header("Location", `/api/admin/flights/${id}`);
      return c.json(await getAdminFlight(sql, id), 201);
    })
    .get("/flights/:id", validate("param", FlightIdParam), async (c) => {
      const flight = await getAdminFlight(sql, c.req.valid("param").id);
      if (!flight) throw notFound("Flight");
      const history = await listStatusHistory(sql, flight.id);
      return c.json({ ...flight, statusHistory: history });
    })
    .put(
      "/flights/:id",
      validate("param", FlightIdParam),
      validate("json", FlightInputSchema),
      async (c) => {
        const result = await saveFlight(deps, c, c.req.valid("param").id, c.req.valid("json"));
        return c.json({ ...result.flight, changes: result.changes });
      },
    )
    .delete("/flights/:id", validate("param", FlightIdParam), async (c) => {
      await removeFlight(deps, c, c.req.valid("param").id);
      return c.body(null, 204);
    });
}
