import { Layout } from "../../../components/Layout.tsx";
import {
  bookingStatusText,
  ErrorSummary,
  FieldError,
  FlightCard,
  PassengerTable,
} from "../../../components/TripParts.tsx";
import { JourneyFlights, statusHeading } from "../../../components/JourneyParts.tsx";
import FlightStatusLive from "../../../islands/FlightStatusLive.tsx";
import { type FoundTrip, lookupTrip } from "../../../services/trips/lookup_trip.ts";
import { LookupQuery } from "../../../services/bookings/booking_input.ts";
import type { AppDeps } from "../../context.ts";
import { ANYONE, definePage } from "../../define_page.ts";
import { limitOf } from "../../middleware/limits.ts";
import { renderPage } from "../../render.tsx";

interface LookupData {
  pnr: string;
  lastName: string;
  errors: { field?: string; message: string }[];
  trip?: FoundTrip;
}

function LookupPage({ data }: { data: LookupData }) {
  const field = (name: string) => data.errors.find((e) => e.field === name)?.message;
  const { trip } = data;
  const journey = (trip?.legs.length ?? 0) > 1;
  return (
    <Layout title="Find a trip" styles={["booking.css"]}>
      <h1>Find a trip</h1>
      <ErrorSummary title="No trip to show" errors={data.errors} />
      <form method="get" action="/trips/lookup" class="filter lookup">
        <label for="pnr">
          Booking reference (PNR)
          <input
            id="pnr"
            name="pnr"
            value={data.pnr}
            maxLength={6}
            autocomplete="off"
            required
            aria-invalid={field("pnr") ? "true" : undefined}
            aria-describedby={field("pnr") ? "pnr-error" : undefined}
          />
          <FieldError id="pnr-error" message={field("pnr")} />
        </label>
        <label for="lastName">
          Last name of a passenger
          <input
            id="lastName"
            name="lastName"
            value={data.lastName}
            maxLength={50}
            autocomplete="family-name"
            required
            aria-invalid={field("lastName") ? "true" : undefined}
            aria-describedby={field("lastName") ? "lastName-error" : undefined}
          />
          <FieldError id="lastName-error" message={field("lastName")} />
        </label>
        <button type="submit">Find</button>
      </form>
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
          <p>
            The account that booked this trip can pay, check in and cancel it from{" "}
            <a href="/trips">My trips</a>.
          </p>
        </section>
      )}
    </Layout>
  );
}

const limited = (deps: AppDeps) => limitOf(deps, "lookup");

/** `GET /trips/lookup?pnr&lastName`: a guest finds a trip by PNR and surname, read-only. */
export const page = definePage({
  path: "/trips/lookup",
  roles: ANYONE,
  handlers: (deps) => ({
    GET: [limited(deps), async (c) => {
      const pnr = c.req.query("pnr") ?? "";
      const lastName = c.req.query("lastName") ?? "";
      const data: LookupData = { pnr, lastName, errors: [] };
      if (!pnr && !lastName) return renderPage(c, <LookupPage data={data} />);
      const q = LookupQuery.safeParse({ pnr, lastName });
      if (!q.success) {
        data.errors = q.error.issues.map((i) => {
          const name = String(i.path[0]);
          const label = name === "pnr" ? "Booking reference" : "Last name";
          const empty = (name === "pnr" ? pnr : lastName).trim() === "";
          return {
            field: name,
            message: empty ? `Enter the ${label.toLowerCase()}.` : `${label}: ${i.message}`,
          };
        });
        return renderPage(c, <LookupPage data={data} />, 400);
      }
      data.trip = await lookupTrip(deps.db.sql, q.data.pnr, q.data.lastName);
      if (!data.trip) {
        data.errors = [{ message: "No booking matches this reference and last name." }];
        return renderPage(c, <LookupPage data={data} />, 404);
      }
      return renderPage(c, <LookupPage data={data} />);
    }],
  }),
});
