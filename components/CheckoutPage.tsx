import { Layout } from "./Layout.tsx";
import { BookingSteps } from "./BookingSteps.tsx";
import { formatPrice } from "../islands/parts/FlightTable.tsx";
import { cabinName, FlightCard } from "./TripParts.tsx";
import { JourneyFlights } from "./JourneyParts.tsx";
import { SeatList, TestCards } from "./CheckoutParts.tsx";
import HoldCountdown from "../islands/HoldCountdown.tsx";
import PaymentForm from "../islands/PaymentForm.tsx";
import PassengerSeats from "../islands/PassengerSeats.tsx";
import { HoldExpired, type HoldExpiredProps } from "../islands/parts/HoldExpired.tsx";
import SeatMap from "../islands/SeatMap.tsx";
import type { SeatMapView } from "../domain/inventory/view.ts";
import { type BookedLeg, type BookingView, shownSegments } from "../domain/views/booking.ts";
import type { FlightSummary } from "../domain/views/flight.ts";
import type { LegSeatMap } from "../services/bookings/checkout_view.ts";
import { compactSeatMap } from "../islands/seat_map/compact.ts";

/** What the checkout page shows. */
export interface CheckoutData {
  booking: BookingView;
  flight: FlightSummary;
  /** Every flight in travel order with the party's seats on it (one for most bookings). */
  legs: BookedLeg[];
  snapshot: SeatMapView;
  /** Every flight's seat map with the party's seats on it, in travel order. */
  seatMaps: LegSeatMap[];
  /** The flights whose seats the airline assigned (the party was seated together). */
  autoSeated: string[];
  expired: boolean;
  serverNow: string;
  csrf: string;
  attempt: string;
  /** The once-only token of the "Hold these seats again" form. */
  holdAgainToken: string;
  /** Why holding the seats again failed, and where to choose others. */
  holdAgainProblem?: HoldExpiredProps["problem"];
  years: number[];
  error?: string;
}

/**
 * The checkout: the hold countdown (one for the whole booking), the flight (or a journey's
 * flights), passengers, a live seat map per flight while held, and the card form: one charge
 * either way.
 */
export function CheckoutPage({ data }: { data: CheckoutData }) {
  const { booking, flight } = data;
  const amount = formatPrice(booking.total, booking.currency);
  const seatFees = booking.segments.reduce((n, g) => n + (g.seatFees ?? 0), 0);
  const journey = data.legs.length > 1;
  return (
    <Layout title="Checkout" styles={["passenger.css", "booking.css"]}>
      <BookingSteps current={2} />
      <h1>Seats and payment</h1>
      <p class="lead">
        Booking <strong class="mono">{booking.pnr}</strong>: {booking.passengers.length}{" "}
        passenger{booking.passengers.length === 1 ? "" : "s"} in {cabinName(booking.cabin)}
        {journey && ` on ${data.legs.length} flights`}, total <strong>{amount}</strong>
        {seatFees > 0 && `, of which ${formatPrice(seatFees, booking.currency)} in seat fees`}.
      </p>
      <div class="checkout">
        <div>
          {data.expired
            ? (
              <HoldExpired
                bookingId={booking.id}
                csrf={data.csrf}
                token={data.holdAgainToken}
                // A card posted too late is refused: that answer is said here.
                problem={data.holdAgainProblem ??
                  (data.error ? { message: data.error } : undefined)}
              />
            )
            : (
              <HoldCountdown
                bookingId={booking.id}
                expiresAt={booking.expiresAt!}
                serverNow={data.serverNow}
                csrf={data.csrf}
                holdAgainToken={data.holdAgainToken}
              />
            )}
          {journey
            ? (
              // While held, each flight's seats are on its map below (and may change there).
              <JourneyFlights
                legs={data.expired ? data.legs : data.legs.map((l) => ({ flight: l.flight }))}
              />
            )
            : <FlightCard flight={flight} />}
          <section class="card" aria-labelledby="pax-title">
            <h2 id="pax-title">Passengers</h2>
            <PassengerSeats
              bookingId={booking.id}
              names={booking.passengers.map((p) => `${p.firstName} ${p.lastName}`)}
              flights={shownSegments(booking.segments).map((g) => ({
                flightId: g.flightId,
                seats: g.seats,
              }))}
            />
          </section>
          {journey
            ? (data.expired
              ? null
              : <JourneySeatMaps booking={booking} maps={data.seatMaps} auto={data.autoSeated} />)
            : data.expired
            ? <SeatList seats={booking.seats} snapshot={data.snapshot} />
            : (
              <section class="card held-only" aria-labelledby="seats-title">
                <h2 id="seats-title">Your seats</h2>
                <SeatsNote together={data.autoSeated.includes(flight.id)} />
                <SeatMap
                  flightId={flight.id}
                  seats={compactSeatMap(data.snapshot, data.seatMaps[0].fees)}
                  currency={booking.currency}
                  booking={{
                    total: booking.total,
                    id: booking.id,
                    cabin: booking.cabin,
                    seats: booking.seats,
                    count: booking.passengers.length,
                    expiresAt: booking.expiresAt!,
                  }}
                />
              </section>
            )}
        </div>
        {!data.expired && (
          <section class="card held-only" aria-labelledby="pay-title">
            <h2 id="pay-title">Payment</h2>
            <TestCards />
            <PaymentForm
              bookingId={booking.id}
              amount={amount}
              csrf={data.csrf}
              attempt={data.attempt}
              expired={data.expired}
              error={data.error}
              years={data.years}
            />
          </section>
        )}
      </div>
    </Layout>
  );
}

/** What a seat map at checkout is for; "seated together" only if the airline chose the seats. */
function SeatsNote({ together }: { together: boolean }) {
  return (
    <p>
      {together ? "We seated your party together. " : ""}Choose other seats on the map if you like:
      they are held for you straight away.
    </p>
  );
}

/** "CT 948 HKG → SIN". */
function flightName(f: FlightSummary): string {
  return `${f.carrier} ${f.flightNumber} ${f.origin.iata} → ${f.destination.iata}`;
}

/**
 * A held journey's seats: one live map per flight, each on its flight's seat stream and
 * changing the party's seats on that flight only. Ids are prefixed by the flight's place.
 */
function JourneySeatMaps(
  { booking, maps, auto }: { booking: BookingView; maps: LegSeatMap[]; auto: string[] },
) {
  return (
    <>
      {maps.map((leg, i) => {
        const prefix = `leg${i + 1}-`;
        return (
          <section
            key={leg.flight.id}
            class="card held-only"
            aria-labelledby={`${prefix}seats-title`}
          >
            <h2 id={`${prefix}seats-title`}>Your seats on {flightName(leg.flight)}</h2>
            <SeatsNote together={auto.includes(leg.flight.id)} />
            <SeatMap
              flightId={leg.flight.id}
              seats={compactSeatMap(leg.snapshot, leg.fees)}
              currency={booking.currency}
              idPrefix={prefix}
              booking={{
                total: booking.total,
                id: booking.id,
                flightId: leg.flight.id,
                cabin: leg.cabin,
                seats: leg.seats,
                count: booking.passengers.length,
                expiresAt: booking.expiresAt!,
              }}
            />
          </section>
        );
      })}
    </>
  );
}
