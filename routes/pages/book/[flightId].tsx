import { FlightCard } from "../../../components/TripParts.tsx";
import {
  type DetailsView,
  PassengerDetailsPage,
} from "../../../components/PassengerDetailsPage.tsx";
import type { FlightSummary } from "../../../domain/views/flight.ts";
import type { CabinCode } from "../../../domain/seat_layout.ts";
import { bookingOffer } from "../../../services/bookings/booking_offer.ts";
import { flightClosed } from "../../../services/bookings/hold_booking.ts";
import {
  blankPassengers,
  bookingRateLimit,
  BookQuery,
  chosenSeats,
  holdFromForm,
} from "./_booking_form.ts";
import type { AppDeps } from "../../context.ts";
import { definePage, SIGNED_IN } from "../../define_page.ts";
import { renderPage } from "../../render.tsx";
import { formToken } from "../_form_once.ts";
import { pageStatus } from "../_page_status.ts";

type DetailsData = Omit<DetailsView, "action" | "currency"> & { flight: FlightSummary };

function DetailsPage({ data }: { data: DetailsData }) {
  const view = { ...data, action: `/book/${data.flight.id}`, currency: data.flight.currency };
  return (
    <PassengerDetailsPage data={view}>
      <FlightCard flight={data.flight} />
    </PassengerDetailsPage>
  );
}

const loadForm = (deps: AppDeps, flightId: string, cabin: string, party: number) =>
  bookingOffer({ ...deps, sql: deps.db.sql }, { flightId, cabin, party });

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
      const passengers = blankPassengers(q.passengers);
      const seats = chosenSeats(c.req.queries("seat"), q.passengers, form.cabinOf, form.cabin);
      return renderPage(
        c,
        <DetailsPage data={{ ...form, seats, passengers, errors, token: formToken() }} />,
      );
    },
    POST: [bookingRateLimit(deps), async (c, user) => {
      const body = await c.req.parseBody({ all: true });
      const q = BookQuery.parse({ cabin: body.cabin, passengers: body.passengers });
      const form = await loadForm(deps, c.req.param("flightId"), q.cabin, q.passengers);
      const seats = chosenSeats(body.seat, q.passengers, form.cabinOf, form.cabin);
      const done = await holdFromForm(deps, {
        user,
        body,
        party: q.passengers,
        segments: [{
          flightId: form.flight.id,
          cabin: form.cabin as CabinCode,
          ...(seats.length > 0 ? { seats } : {}),
        }],
      });
      if (done.ok) return c.redirect(`/checkout/${done.bookingId}`, 303);
      const data = { ...form, seats, passengers: done.values, errors: done.errors };
      return pageStatus(
        renderPage(c, <DetailsPage data={{ ...data, token: formToken() }} />),
        done.status,
      );
    }],
  }),
});
