import { z } from "zod";
import { Layout } from "../../../components/Layout.tsx";
import { BookingSteps } from "../../../components/BookingSteps.tsx";
import { ErrorSummary, FlightCard } from "../../../components/TripParts.tsx";
import {
  type CabinChoice,
  PassengerForm,
  type PassengerValues,
} from "../../../components/PassengerForm.tsx";
import { AppError } from "../../../domain/app_error.ts";
import { CABIN_CODES } from "../../../domain/seat_layout.ts";
import type { FlightSummary } from "../../../domain/views/flight.ts";
import { bookingOffer } from "../../../services/bookings/booking_offer.ts";
import { flightClosed, holdBooking } from "../../../services/bookings/hold_booking.ts";
import { chosenSeats, readPassengers } from "./_booking_form.ts";
import type { AppDeps } from "../../context.ts";
import { limitOf } from "../../middleware/limits.ts";
import { definePage, SIGNED_IN } from "../../define_page.ts";
import { renderPage } from "../../render.tsx";
import { formToken, oncePerForm, validFormToken } from "../_form_once.ts";
import { pageStatus } from "../_page_status.ts";

// A bad cabin or party size in the URL falls back to one economy passenger.
const BookQuery = z.object({
  cabin: z.enum(CABIN_CODES).catch("Y"),
  passengers: z.coerce.number().int().min(1).max(9).catch(1),
});
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

const loadForm = (deps: AppDeps, flightId: string, cabin: string, party: number) =>
  bookingOffer({ ...deps, sql: deps.db.sql }, { flightId, cabin, party });
// The same budget as the API's bookings: a form cannot hold seats faster than a client.
const limited = (deps: AppDeps) => limitOf(deps, "booking");
const blank = (): PassengerValues => ({
  firstName: "",
  lastName: "",
  dateOfBirth: "",
  email: "",
});

/**
 * `/book/:flightId`: passenger details, then a hold (of the seats chosen on the map, else by
 * count) and on to checkout.
 */
export const page = definePage({
  path: "/book/:flightId",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    GET: async (c) => {
      const q = BookQuery.parse(c.req.query());
      const form = await loadForm(deps, c.req.param("flightId"), q.cabin, q.passengers);
      const errors = flightClosed(form.flight.status)
        ? [{ message: `This flight is ${form.flight.status}; it cannot be booked.` }]
        : [];
      const passengers = Array.from({ length: q.passengers }, blank);
      const seats = chosenSeats(c.req.queries("seat"), q.passengers, form.cabinOf, form.cabin);
      return renderPage(
        c,
        <DetailsPage data={{ ...form, seats, passengers, errors, token: formToken() }} />,
      );
    },
    POST: [limited(deps), async (c, user) => {
      const body = await c.req.parseBody({ all: true });
      const q = BookQuery.parse({ cabin: body.cabin, passengers: body.passengers });
      const form = await loadForm(deps, c.req.param("flightId"), q.cabin, q.passengers);
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
            segments: [{
              flightId: form.flight.id,
              cabin: form.cabin as typeof q.cabin,
              ...(seats.length > 0 ? { seats } : {}),
            }],
            passengers: values.map((v) => ({ ...v, email: v.email || undefined })),
          });
          return booking.id;
        });
        return c.redirect(`/checkout/${id}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404) throw err;
        return again([{ message: err.detail ?? err.title }], err.status);
      }
    }],
  }),
});
