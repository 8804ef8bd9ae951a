import { CsrfField, Layout } from "../../../../components/Layout.tsx";
import { bookingStatusText } from "../../../../components/TripParts.tsx";
import {
  BoardingPasses,
  checkInPeople,
  CheckInSection,
  TripOverview,
} from "../../../../components/TripSections.tsx";
import { grantedBooking } from "../../../../services/trips/guest_trip.ts";
import { loadTrip, type TripData } from "../../../../services/trips/trip_view.ts";
import { ANYONE, definePage } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { GUEST_TRIP_PATH } from "../../../trip_access.ts";
import { withGrant } from "./_grant.ts";

const NOTICES: Record<string, string> = {
  checkedin: "You are checked in. Your boarding passes are below.",
};

/** A trip as a guest manages it: no account, contact details or payments on it. */
function GuestTripPage({ data, notice }: { data: TripData; notice?: string }) {
  const { booking } = data;
  const status = data.holdOver ? "expired" : booking.status;
  const at = (page: string) => `${GUEST_TRIP_PATH}/${page}`;
  return (
    <Layout title={`Trip ${booking.pnr}`} styles={["booking.css"]}>
      <h1>
        Trip <span class="mono">{booking.pnr}</span>
      </h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      <p class="lead">
        <span class={`booking-status booking-${status}`}>{bookingStatusText(status)}</span>
      </p>
      <TripOverview data={data} />
      {booking.status === "confirmed" && (
        <CheckInSection
          bookingId={booking.id}
          action={at("check-in")}
          window={data.window}
          opensAt={data.opensAt}
          flight={data.checkInFlight}
          pending={booking.tickets.some((t) => t.status === "open")}
          people={checkInPeople(booking, data.checkInFlight.id)}
        />
      )}
      <BoardingPasses passes={data.passes} href={at("boarding-passes")} />
      {booking.status === "confirmed" && (
        <p>
          <a href={at("itinerary.ics")} download>Add to calendar (.ics file)</a>
        </p>
      )}
      {status === "confirmed" || status === "held"
        ? (
          <section class="card" aria-labelledby="cancel-title">
            <h2 id="cancel-title">Cancel</h2>
            <p>
              <a href={at("cancel")}>Cancel this booking</a>{" "}
              (you see the refund before anything happens).
            </p>
          </section>
        )
        : null}
      <form method="post" action={at("forget")} class="actions">
        <CsrfField />
        <button type="submit" class="link-button">Done: forget this trip on this device</button>
      </form>
    </Layout>
  );
}

/**
 * `GET /trips/lookup/trip`: the trip a guest opened with its PNR and a surname (the
 * `ct_trip` grant): live status, check-in, boarding passes, calendar and cancel.
 */
export const page = definePage({
  path: "/trips/lookup/trip",
  roles: ANYONE,
  handlers: (deps) => ({
    GET: (c) =>
      withGrant(c, deps, async (id) => {
        const booking = await grantedBooking(deps.db.sql, id);
        const data = await loadTrip({ ...deps, sql: deps.db.sql }, booking);
        const done = Object.keys(NOTICES).find((k) => c.req.query(k) !== undefined);
        return renderPage(c, <GuestTripPage data={data} notice={done && NOTICES[done]} />);
      }),
  }),
});
