import { Layout } from "../../../../components/Layout.tsx";
import {
  bookingStatusText,
  ErrorSummary,
  FlightCard,
  PassengerTable,
} from "../../../../components/TripParts.tsx";
import { JourneyFlights, statusHeading } from "../../../../components/JourneyParts.tsx";
import {
  type LookupError,
  lookupErrors,
  TripLookupForm,
} from "../../../../components/TripLookupForm.tsx";
import FlightStatusLive from "../../../../islands/FlightStatusLive.tsx";
import { type FoundTrip, lookupTrip } from "../../../../services/trips/lookup_trip.ts";
import { LookupQuery } from "../../../../services/bookings/booking_input.ts";
import { AppError } from "../../../../domain/app_error.ts";
import type { AppDeps } from "../../../context.ts";
import { ANYONE, definePage } from "../../../define_page.ts";
import { limitOf } from "../../../middleware/limits.ts";
import { renderPage } from "../../../render.tsx";
import { countPnr, GUEST_TRIP_PATH, openTrip, setTripCookie } from "../../../trip_access.ts";

interface LookupData {
  pnr: string;
  lastName: string;
  errors: LookupError[];
  notice?: string;
  trip?: FoundTrip;
}

function LookupPage({ data }: { data: LookupData }) {
  const { trip } = data;
  const journey = (trip?.legs.length ?? 0) > 1;
  return (
    <Layout title="Find a trip" styles={["booking.css"]}>
      <h1>Find a trip</h1>
      <p>
        Enter the booking reference and the last name of anyone on the booking to see the trip,
        check in, get boarding passes or cancel. No account needed.
      </p>
      {data.notice && <p class="notice" role="status">{data.notice}</p>}
      <ErrorSummary title="No trip to show" errors={data.errors} />
      <TripLookupForm pnr={data.pnr} lastName={data.lastName} errors={data.errors} />
      {trip && (
        <section aria-labelledby="found-title">
          <h2 id="found-title">
            Trip <span class="mono">{trip.pnr}</span>: {bookingStatusText(trip.status)}
          </h2>
          <div class="trip-grid">
            {journey ? <JourneyFlights legs={trip.legs} /> : <FlightCard flight={trip.flight} />}
            <FlightStatusLive
              flightId={trip.flight.id}
              status={trip.live}
              originTz={trip.flight.origin.tz}
              destinationTz={trip.flight.destination.tz}
              heading={statusHeading(trip.legs)}
            />
          </div>
          <section class="card" aria-labelledby="pax-title">
            <h2 id="pax-title">Passengers</h2>
            <PassengerTable booking={trip} />
          </section>
          <p>To check in, get boarding passes or cancel, press "Find my trip" above.</p>
        </section>
      )}
    </Layout>
  );
}

const limited = (deps: AppDeps) => limitOf(deps, "lookup");

/**
 * `/trips/lookup`: a guest finds a trip by PNR and surname. The form posts, and a match opens
 * the trip's own pages for 30 minutes (routes/trip_access.ts); a link with `?pnr&lastName`
 * still shows the trip read-only.
 */
export const page = definePage({
  path: "/trips/lookup",
  roles: ANYONE,
  handlers: (deps) => ({
    GET: [limited(deps), async (c) => {
      const pnr = c.req.query("pnr") ?? "";
      const lastName = c.req.query("lastName") ?? "";
      const data: LookupData = { pnr, lastName, errors: [] };
      if (c.req.query("expired") !== undefined) {
        data.notice = "Your access to the trip ended. Enter the reference and name again.";
      } else if (c.req.query("cancelled") !== undefined) {
        data.notice = "The booking is cancelled. Access to it here has ended: enter the " +
          "reference and name again to see it.";
      }
      if (!pnr && !lastName) return renderPage(c, <LookupPage data={data} />);
      const q = LookupQuery.safeParse({ pnr, lastName });
      if (!q.success) {
        data.errors = lookupErrors(q.error.issues, data);
        return renderPage(c, <LookupPage data={data} />, 400);
      }
      await countPnr(c, deps, q.data.pnr);
      data.trip = await lookupTrip(deps.db.sql, q.data.pnr, q.data.lastName);
      if (!data.trip) {
        data.errors = [{ message: "No booking matches this reference and last name." }];
        return renderPage(c, <LookupPage data={data} />, 404);
      }
      return renderPage(c, <LookupPage data={data} />);
    }],
    POST: [limited(deps), async (c) => {
      const form = await c.req.parseBody();
      const text = (v: unknown) => (typeof v === "string" ? v : "");
      const data: LookupData = { pnr: text(form.pnr), lastName: text(form.lastName), errors: [] };
      const q = LookupQuery.safeParse(data);
      if (!q.success) {
        data.errors = lookupErrors(q.error.issues, data);
        return renderPage(c, <LookupPage data={data} />, 400);
      }
      try {
        setTripCookie(c, deps, await openTrip(c, deps, q.data));
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 404) throw e;
        data.errors = [{ message: "No booking matches this reference and last name." }];
        return renderPage(c, <LookupPage data={data} />, 404);
      }
      return c.redirect(`${GUEST_TRIP_PATH}/trip`, 303);
    }],
  }),
});
