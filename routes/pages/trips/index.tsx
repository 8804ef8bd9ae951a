import { Layout } from "../../../components/Layout.tsx";
import { formatPrice } from "../../../islands/parts/FlightTable.tsx";
import { LocalTime } from "../../../components/LocalTime.tsx";
import { bookingStatusText } from "../../../components/TripParts.tsx";
import type { TripLine } from "../../../domain/views/trip.ts";
import { myTrips } from "../../../services/trips/my_trips.ts";
import { definePage, SIGNED_IN } from "../../define_page.ts";
import { renderPage } from "../../render.tsx";

function TripTable({ trips, caption }: { trips: TripLine[]; caption: string }) {
  return (
    <table class="trip-table trips">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Booking</th>
          <th scope="col">Flight</th>
          <th scope="col">Route</th>
          <th scope="col">Departs (local)</th>
          <th scope="col">Passengers</th>
          <th scope="col">Total</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {trips.map((t) => (
          <tr key={t.id}>
            <th scope="row">
              <a href={`/trips/${t.id}`} class="mono">{t.pnr}</a>
            </th>
            <td>
              {t.flight.carrier} {t.flight.flightNumber}
              {t.legs > 1 && <span class="muted">{` and ${t.legs - 1} more`}</span>}
            </td>
            <td>
              {t.flight.originCity} ({t.flight.origin}) to {t.finalDestinationCity}{" "}
              ({t.finalDestination})
              {t.finalDestination !== t.flight.destination && (
                <span class="muted">{` via ${t.flight.destination}`}</span>
              )}
            </td>
            <td>
              <LocalTime
                local={t.flight.departureLocal}
                at={t.flight.departureAt}
                tz={t.flight.originTz}
              />
            </td>
            <td>{t.passengers}</td>
            <td>{formatPrice(t.total, t.currency)}</td>
            <td>
              {bookingStatusText(t.status)}
              {t.flight.status === "cancelled" || t.flight.status === "delayed"
                ? ` (flight ${t.flight.status})`
                : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TripsPage({ upcoming, past }: { upcoming: TripLine[]; past: TripLine[] }) {
  return (
    <Layout title="My trips" styles={["booking.css"]}>
      <h1>My trips</h1>
      {upcoming.length === 0 && past.length === 0 && (
        <p class="empty">
          No bookings yet. <a href="/">Find a flight</a>.
        </p>
      )}
      {upcoming.length > 0 && <TripTable trips={upcoming} caption="Upcoming" />}
      {past.length > 0 && <TripTable trips={past} caption="Past" />}
      <p>
        Someone else booked your trip? <a href="/trips/lookup">Find it by booking reference</a>.
      </p>
    </Layout>
  );
}

/** `GET /trips`: the signed-in user's bookings, upcoming first (soonest), then past. */
export const page = definePage({
  path: "/trips",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    GET: async (c, user) => {
      const { upcoming, past } = await myTrips({ ...deps, sql: deps.db.sql }, user.id);
      return renderPage(c, <TripsPage upcoming={upcoming} past={past} />);
    },
  }),
});
