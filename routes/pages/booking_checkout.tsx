import { Hono } from "hono";
import { Layout } from "../../components/Layout.tsx";
import { Island } from "../../components/island.tsx";
import { BookingSteps } from "../../components/BookingSteps.tsx";
import { formatPrice } from "../../components/FlightTable.tsx";
import { cabinName, FlightCard, PassengerTable } from "../../components/TripParts.tsx";
import { SeatList, TestCards } from "../../components/CheckoutParts.tsx";
import HoldCountdown from "../../islands/HoldCountdown.tsx";
import PaymentForm from "../../islands/PaymentForm.tsx";
import SeatMap from "../../islands/SeatMap.tsx";
import { AppError } from "../../domain/app_error.ts";
import { type SeatMapView, seatMapView } from "../../domain/inventory/view.ts";
import type { BookingView } from "../../db/bookings_repo.ts";
import { type FlightSummary, getFlight } from "../../db/flights_repo.ts";
import { payBooking } from "../../services/pay_booking.ts";
import { PayBody, payDeps } from "../api/booking_payment.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageInfo, pageUser, renderPage } from "../render.tsx";
import { formToken, validFormToken } from "./form_once.ts";
import { holdAlive, ownBooking } from "./own_booking.ts";
import { pageStatus } from "./page_status.ts";

interface CheckoutData {
  booking: BookingView;
  flight: FlightSummary;
  snapshot: SeatMapView;
  expired: boolean;
  serverNow: string;
  csrf: string;
  attempt: string;
  years: number[];
  error?: string;
}

function CheckoutPage({ data }: { data: CheckoutData }) {
  const { booking, flight } = data;
  const amount = formatPrice(booking.total, booking.currency);
  return (
    <Layout title="Checkout" styles={["passenger.css", "booking.css"]}>
      <BookingSteps current={2} />
      <h1>Seats and payment</h1>
      <p class="lead">
        Booking <strong class="mono">{booking.pnr}</strong>: {booking.passengers.length}{" "}
        passenger{booking.passengers.length === 1 ? "" : "s"} in {cabinName(booking.cabin)}, total
        {" "}
        <strong>{amount}</strong>.
      </p>
      <div class="checkout">
        <div>
          {data.expired
            ? (
              <section class="card hold hold-expired" aria-labelledby="hold-title">
                <h2 id="hold-title">Seats held for you</h2>
                <p class="hold-time">The hold has expired.</p>
              </section>
            )
            : (
              <Island
                name="HoldCountdown"
                component={HoldCountdown}
                props={{
                  bookingId: booking.id,
                  expiresAt: booking.expiresAt!,
                  serverNow: data.serverNow,
                }}
              />
            )}
          <FlightCard flight={flight} />
          <section class="card" aria-labelledby="pax-title">
            <h2 id="pax-title">Passengers</h2>
            <PassengerTable booking={booking} />
          </section>
          {data.expired
            ? <SeatList seats={booking.seats} snapshot={data.snapshot} />
            : (
              <section class="card" aria-labelledby="seats-title">
                <h2 id="seats-title">Your seats</h2>
                <p>
                  We seated your party together. Choose other seats on the map if you like: they are
                  held for you straight away.
                </p>
                <Island
                  name="SeatMap"
                  component={SeatMap}
                  props={{
                    flightId: flight.id,
                    snapshot: data.snapshot,
                    currency: booking.currency,
                    booking: {
                      id: booking.id,
                      cabin: booking.cabin,
                      seats: booking.seats,
                      count: booking.passengers.length,
                      expiresAt: booking.expiresAt!,
                    },
                  }}
                />
              </section>
            )}
        </div>
        <section class="card" aria-labelledby="pay-title">
          <h2 id="pay-title">Pay {amount}</h2>
          <TestCards />
          <Island
            name="PaymentForm"
            component={PaymentForm}
            props={{
              bookingId: booking.id,
              amount,
              csrf: data.csrf,
              attempt: data.attempt,
              expired: data.expired,
              error: data.error,
              years: data.years,
            }}
          />
        </section>
      </div>
    </Layout>
  );
}

const text = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === "string" ? form[name] as string : "";

/** `/checkout/:bookingId`: the hold, the seats and the card form (paid here without JS). */
export function bookingCheckoutPages(deps: AppDeps) {
  const load = async (userId: string, id: string) => {
    const booking = await ownBooking(deps.db.sql, userId, id);
    const flight = (await getFlight(deps.db.sql, booking.flightId))!;
    const now = deps.clock.now();
    const inv = await deps.registry.inventory(flight.id);
    const year = now.getUTCFullYear();
    return {
      booking,
      flight,
      snapshot: seatMapView(inv, now.getTime()),
      expired: !holdAlive(booking, now),
      serverNow: now.toISOString(),
      years: Array.from({ length: 12 }, (_, i) => year + i),
    };
  };

  return new Hono<AppEnv>()
    .get("/checkout/:bookingId", async (c) => {
      const user = pageUser(c);
      if (user instanceof Response) return user;
      const data = await load(user.id, c.req.param("bookingId"));
      if (data.booking.status === "confirmed") return c.redirect(`/trips/${data.booking.id}`, 303);
      const page = { ...data, csrf: pageInfo(c).csrf, attempt: formToken() };
      return renderPage(c, <CheckoutPage data={page} />);
    })
    .post("/checkout/:bookingId", async (c) => {
      const user = pageUser(c);
      if (user instanceof Response) return user;
      const data = await load(user.id, c.req.param("bookingId"));
      const { booking } = data;
      if (booking.status === "confirmed") return c.redirect(`/trips/${booking.id}?paid=1`, 303);
      const form = await c.req.parseBody();
      const attempt = validFormToken(form.attempt) ? form.attempt : undefined;
      // The same attempt is kept only where nothing was decided, so a retry cannot pay twice.
      const again = (status: number, error: string, keep: boolean, ended = false) =>
        pageStatus(
          renderPage(
            c,
            <CheckoutPage
              data={{
                ...data,
                csrf: pageInfo(c).csrf,
                attempt: keep && attempt ? attempt : formToken(),
                expired: data.expired || ended,
                error,
              }}
            />,
          ),
          status,
        );
      if (!attempt) return again(400, "This form expired. Enter the card again.", false);
      const card = PayBody.shape.card.safeParse({
        number: text(form, "number"),
        expMonth: Number(text(form, "expMonth")),
        expYear: Number(text(form, "expYear")),
        cvc: text(form, "cvc"),
        name: text(form, "name"),
      });
      if (!card.success) {
        const fields = card.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
        return again(400, `Check the card details. ${fields.join("; ")}.`, true);
      }
      try {
        const { response } = await payBooking(payDeps(deps), {
          booking,
          card: card.data,
          key: `checkout:${booking.id}:${attempt}`,
        });
        if (response.status === 200) return c.redirect(`/trips/${booking.id}?paid=1`, 303);
        const problem = response.body as { detail?: string };
        const hint = response.status === 402 ? " Try another card." : "";
        const message = `${problem.detail ?? "The payment failed."}${hint}`;
        return again(response.status, message, false, response.status === 409);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const retry = err.status === 503 || err.status === 429 ||
          err.code === "payment_in_progress";
        return again(err.status, err.detail ?? err.title, retry);
      }
    });
}
