import { Layout } from "../../../../components/Layout.tsx";
import { BookingSteps } from "../../../../components/BookingSteps.tsx";
import { formatPrice } from "../../../../islands/parts/FlightTable.tsx";
import { bookingStatusText, cabinName, PaymentList } from "../../../../components/TripParts.tsx";
import {
  AfterDisruption,
  BoardingPasses,
  checkInPeople,
  CheckInSection,
  TripOverview,
} from "../../../../components/TripSections.tsx";
import TripLive from "../../../../islands/TripLive.tsx";
import { ownBooking } from "../../../../services/bookings/own_booking.ts";
import { loadTrip, type TripData } from "../../../../services/trips/trip_view.ts";
import { definePage, SIGNED_IN } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";

const NOTICES: Record<string, string> = {
  paid: "Payment received: your booking is confirmed and your e-tickets are issued.",
  checkedin: "You are checked in. Your boarding passes are below.",
  cancelled: "Your booking is cancelled.",
};

const REGION = "trip-live";

function TripPage({ data, notice }: { data: TripData; notice?: string }) {
  const { booking } = data;
  return (
    <Layout title={`Trip ${booking.pnr}`} styles={["booking.css"]}>
      {notice === NOTICES.paid && <BookingSteps current={3} />}
      <h1>
        Trip <span class="mono">{booking.pnr}</span>
      </h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      <TripLive bookingId={booking.id} region={REGION} />
      <div id={REGION}>
        <TripBody data={data} />
      </div>
    </Layout>
  );
}

/** Everything the booking's changes can change, rendered again as one region when they do. */
function TripBody({ data }: { data: TripData }) {
  const { booking } = data;
  const journey = data.legs.length > 1;
  const status = data.holdOver ? "expired" : booking.status;
  const live = status === "held" || status === "confirmed";
  const refunded = booking.payments
    .filter((p) => p.kind === "refund" && p.status === "succeeded")
    .reduce((sum, p) => sum + p.amount, 0);
  return (
    <>
      <p class="lead">
        <span class={`booking-status booking-${status}`}>{bookingStatusText(status)}</span>
        {" · "}
        {booking.passengers.length} passenger{booking.passengers.length === 1 ? "" : "s"},{" "}
        {cabinName(booking.cabin)}
        {journey && `, ${data.legs.length} flights`}, total{" "}
        {formatPrice(booking.total, booking.currency)}
        {refunded > 0 && `, refunded ${formatPrice(refunded, booking.currency)}`}
      </p>
      {status === "held" && (
        <p>
          <a class="button" href={`/checkout/${booking.id}`}>Choose seats and pay</a>
        </p>
      )}
      {data.disruption && <AfterDisruption {...data.disruption} bookingId={booking.id} />}
      <TripOverview data={data} />
      {booking.status === "confirmed" && (
        <CheckInSection
          bookingId={booking.id}
          flight={data.checkInFlight}
          window={data.window}
          opensAt={data.opensAt}
          pending={booking.tickets.some((t) => t.status === "open")}
          people={checkInPeople(booking, data.checkInFlight.id)}
        />
      )}
      <BoardingPasses passes={data.passes} href={`/trips/${booking.id}/boarding-passes`} />
      <section class="card" aria-labelledby="money-title">
        <h2 id="money-title">Payments</h2>
        <PaymentList booking={booking} />
        {booking.status === "confirmed" && (
          <p>
            <a href={`/api/bookings/${booking.id}/itinerary.ics`} download>
              Add to calendar (.ics file)
            </a>
          </p>
        )}
      </section>
      {live && (
        <section class="card" aria-labelledby="cancel-title">
          <h2 id="cancel-title">Cancel</h2>
          <p>
            <a href={`/trips/${booking.id}/cancel`}>Cancel this booking</a>{" "}
            (you see the refund before anything happens).
          </p>
        </section>
      )}
    </>
  );
}

/** `GET /trips/:bookingId`: the trip, its live status, check-in and boarding passes. */
export const page = definePage({
  path: "/trips/:bookingId",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    GET: async (c, user) => {
      const booking = await ownBooking(deps.db.sql, user.id, c.req.param("bookingId"));
      const done = ["paid", "checkedin", "cancelled"].find((k) => c.req.query(k) !== undefined);
      const data = await loadTrip({ ...deps, sql: deps.db.sql }, booking);
      return renderPage(c, <TripPage data={data} notice={done && NOTICES[done]} />);
    },
  }),
});
