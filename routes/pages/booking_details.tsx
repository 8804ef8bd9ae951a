import { Hono } from "hono";
import { z } from "zod";
import { Layout } from "../../components/Layout.tsx";
import { BookingSteps } from "../../components/BookingSteps.tsx";
import { ErrorSummary, FlightCard } from "../../components/TripParts.tsx";
import {
  type CabinChoice,
  PassengerForm,
  type PassengerValues,
} from "../../components/PassengerForm.tsx";
import { AppError, notFound } from "../../domain/app_error.ts";
import { CABIN_CODES } from "../../domain/seat_layout.ts";
import { cabinOffers } from "../../domain/inventory/view.ts";
import type { FlightSummary } from "../../domain/views/flight.ts";
import { getFlight } from "../../db/flights_repo.ts";
import { flightClosed, holdBooking } from "../../services/bookings/hold_booking.ts";
import { readPassengers } from "./passenger_fields.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { rateLimit } from "../middleware/rate_limit.ts";
import { pageUser, renderPage } from "../render.tsx";
import { formToken, oncePerForm, validFormToken } from "./form_once.ts";
import { pageStatus } from "./page_status.ts";

// A bad cabin or party size in the URL falls back to one economy passenger.
const BookQuery = z.object({
  cabin: z.enum(CABIN_CODES).catch("Y"),
  passengers: z.coerce.number().int().min(1).max(9).catch(1),
});
const SEAT_ID = /^\d{1,2}[A-K]$/;

/**
 * Seats chosen on the flight page's map (`seat`, repeated): kept only if every one is a seat
 * of the chosen cabin, none repeats and there is one per passenger, else the hold is by count.
 */
export function chosenSeats(
  raw: unknown,
  party: number,
  cabinOf: (seat: string) => string | undefined,
  cabin: string,
): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const ok = list.length === party &&
    list.every((s) => typeof s === "string" && SEAT_ID.test(s) && cabinOf(s) === cabin) &&
    new Set(list).size === list.length;
  return ok ? (list as string[]) : [];
}

interface DetailsData {
  flight: FlightSummary;
  cabin: string;
  seats: string[];
  cabins: CabinChoice[];
  passengers: PassengerValues[];
  errors: { field?: string; message: string }[];
  token: string;
}

function DetailsPage({ data }: { data: DetailsData }) {
  const fieldErrors = Object.fromEntries(
    data.errors.filter((e) => e.field).map((e) => [e.field!, e.message]),
  );
  return (
    <Layout title="Passenger details" styles={["booking.css"]}>
      <BookingSteps current={1} />
      <h1>Who is flying?</h1>
      <FlightCard flight={data.flight} />
      <ErrorSummary title="The booking could not be made" errors={data.errors} />
      <PassengerForm
        flightId={data.flight.id}
        cabin={data.cabin}
        cabins={data.cabins}
        currency={data.flight.currency}
        passengers={data.passengers}
        seats={data.seats}
        fieldErrors={fieldErrors}
        formToken={data.token}
      />
    </Layout>
  );
}

/**
 * `/book/:flightId`: passenger details, then a hold (of the seats chosen on the map, else by
 * count) and on to checkout.
 */
export function bookingDetailsPages(deps: AppDeps) {
  const loadForm = async (flightId: string, cabin: string, party: number) => {
    const flight = await getFlight(deps.db.sql, flightId);
    if (!flight) throw notFound("Flight");
    const inv = await deps.registry.inventory(flight.id);
    const names = new Map(inv.state.layout.cabins.map((c) => [c.code as string, c.name]));
    const cabins = cabinOffers(inv, deps.clock.now().getTime(), party).map((o) => ({
      code: o.code,
      name: names.get(o.code) ?? o.code,
      seatsLeft: o.seatsLeft,
      price: o.price,
    }));
    const chosen = cabins.some((c) => c.code === cabin) ? cabin : cabins.at(-1)!.code;
    const cabinOf = (seat: string) => inv.seatById.get(seat)?.cabin as string | undefined;
    return { flight, cabins, cabin: chosen, cabinOf };
  };
  // The same budget as the API's bookings: a form cannot hold seats faster than a client.
  const limited = rateLimit({ store: deps.store, name: "booking", limit: 60, windowMs: 60_000 });
  const blank = (): PassengerValues => ({
    firstName: "",
    lastName: "",
    dateOfBirth: "",
    email: "",
  });

  return new Hono<AppEnv>()
    .get("/book/:flightId", async (c) => {
      const user = pageUser(c);
      if (user instanceof Response) return user;
      const q = BookQuery.parse(c.req.query());
      const form = await loadForm(c.req.param("flightId"), q.cabin, q.passengers);
      const errors = flightClosed(form.flight.status)
        ? [{ message: `This flight is ${form.flight.status}; it cannot be booked.` }]
        : [];
      const passengers = Array.from({ length: q.passengers }, blank);
      const seats = chosenSeats(c.req.queries("seat"), q.passengers, form.cabinOf, form.cabin);
      return renderPage(
        c,
        <DetailsPage data={{ ...form, seats, passengers, errors, token: formToken() }} />,
      );
    })
    .post("/book/:flightId", limited, async (c) => {
      const user = pageUser(c);
      if (user instanceof Response) return user;
      const body = await c.req.parseBody({ all: true });
      const q = BookQuery.parse({ cabin: body.cabin, passengers: body.passengers });
      const form = await loadForm(c.req.param("flightId"), q.cabin, q.passengers);
      const seats = chosenSeats(body.seat, q.passengers, form.cabinOf, form.cabin);
      const today = deps.clock.now().toISOString().slice(0, 10);
      const { values, errors } = readPassengers(body, q.passengers, today);
      const again = (errs: DetailsData["errors"], status: number) =>
        pageStatus(
          renderPage(
            c,
            <DetailsPage
              data={{ ...form, seats, passengers: values, errors: errs, token: formToken() }}
            />,
          ),
          status,
        );
      if (errors.length > 0) return again(errors, 400);
      if (!validFormToken(body.formToken)) {
        return again([{ message: "Reload the page and try again." }], 400);
      }
      try {
        const id = await oncePerForm(deps.store, `book:${user.id}:${body.formToken}`, async () => {
          const booking = await holdBooking({ ...deps, sql: deps.db.sql }, {
            userId: user.id,
            email: user.email,
            flightId: form.flight.id,
            cabin: form.cabin as typeof q.cabin,
            passengers: values.map((v) => ({ ...v, email: v.email || undefined })),
            ...(seats.length > 0 ? { seats } : {}),
          });
          return booking.id;
        });
        return c.redirect(`/checkout/${id}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404) throw err;
        return again([{ message: err.detail ?? err.title }], err.status);
      }
    });
}
