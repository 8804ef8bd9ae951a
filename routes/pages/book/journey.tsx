import { z } from "zod";
import { JourneyFlights } from "../../../components/JourneyParts.tsx";
import {
  type DetailsView,
  PassengerDetailsPage,
} from "../../../components/PassengerDetailsPage.tsx";
import { cabinName } from "../../../components/TripParts.tsx";
import { formatPrice } from "../../../islands/parts/FlightTable.tsx";
import { AppError } from "../../../domain/app_error.ts";
import { MAX_SEGMENTS } from "../../../domain/journey.ts";
import type { CabinCode } from "../../../domain/seat_layout.ts";
import { type JourneyOffer, journeyOffer } from "../../../services/bookings/journey_offer.ts";
import { blankPassengers, bookingRateLimit, BookQuery, holdFromForm } from "./_booking_form.ts";
import type { AppDeps } from "../../context.ts";
import { definePage, SIGNED_IN } from "../../define_page.ts";
import { renderPage } from "../../render.tsx";
import { formToken } from "../_form_once.ts";
import { pageStatus } from "../_page_status.ts";

// `flights`: the journey's flight ids in travel order, separated by commas.
const FlightIds = z.string().transform((s) => s.split(",")).pipe(
  z.array(z.uuid()).min(1).max(MAX_SEGMENTS),
);

type JourneyData = JourneyOffer & Omit<DetailsView, "action" | "currency" | "seats">;

function JourneyPage({ data }: { data: JourneyData }) {
  const ids = data.flights.map((f) => f.id).join(",");
  const view = { ...data, action: `/book/journey?flights=${ids}`, seats: [] };
  const party = data.passengers.length;
  return (
    <PassengerDetailsPage data={view}>
      <JourneyFlights legs={data.flights.map((flight) => ({ flight }))} />
      {data.total !== undefined && (
        <p class="lead">
          Total for {party} passenger{party === 1 ? "" : "s"} in {cabinName(data.cabin)}:{" "}
          <strong>{formatPrice(data.total, data.currency)}</strong>
        </p>
      )}
    </PassengerDetailsPage>
  );
}

const loadForm = (deps: AppDeps, raw: string | undefined, cabin: string, party: number) => {
  const ids = FlightIds.safeParse(raw);
  if (!ids.success) {
    throw new AppError(400, "bad_journey", {
      detail: `A journey is 1 to ${MAX_SEGMENTS} flights: search again and choose one.`,
    });
  }
  return journeyOffer({ ...deps, sql: deps.db.sql }, { flightIds: ids.data, cabin, party });
};
const SEAT_NOTE = "We hold seats together for your party on every flight for a few minutes.";

/**
 * `/book/journey?flights=<id>,<id>…`: a journey of several flights (a connection, a round
 * trip) booked as one: passenger details, then every flight held by count, all or nothing, and
 * on to checkout.
 */
export const page = definePage({
  path: "/book/journey",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    GET: async (c) => {
      const q = BookQuery.parse(c.req.query());
      const offer = await loadForm(deps, c.req.query("flights"), q.cabin, q.passengers);
      const errors = offer.problem ? [{ message: offer.problem }] : [];
      const passengers = blankPassengers(q.passengers);
      const data = { ...offer, passengers, errors, token: formToken(), seatNote: SEAT_NOTE };
      return renderPage(c, <JourneyPage data={data} />);
    },
    POST: [bookingRateLimit(deps), async (c, user) => {
      const body = await c.req.parseBody({ all: true });
      const q = BookQuery.parse({ cabin: body.cabin, passengers: body.passengers });
      const offer = await loadForm(deps, c.req.query("flights"), q.cabin, q.passengers);
      const done = await holdFromForm(deps, {
        user,
        body,
        party: q.passengers,
        segments: offer.flights.map((f) => ({ flightId: f.id, cabin: offer.cabin as CabinCode })),
      });
      if (done.ok) return c.redirect(`/checkout/${done.bookingId}`, 303);
      const data = { ...offer, passengers: done.values, errors: done.errors, seatNote: SEAT_NOTE };
      return pageStatus(
        renderPage(c, <JourneyPage data={{ ...data, token: formToken() }} />),
        done.status,
      );
    }],
  }),
});
