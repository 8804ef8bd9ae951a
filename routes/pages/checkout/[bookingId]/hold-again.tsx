import { CheckoutPage } from "../../../../components/CheckoutPage.tsx";
import { checkoutView } from "../../../../services/bookings/checkout_view.ts";
import { holdAgain, type HoldAgainOutcome } from "../../../../services/bookings/hold_again.ts";
import { shownSegments } from "../../../../domain/views/booking.ts";
import { definePage, SIGNED_IN } from "../../../define_page.ts";
import { pageInfo, renderPage } from "../../../render.tsx";
import { formToken, oncePerForm, validFormToken } from "../../_form_once.ts";
import { pageStatus } from "../../_page_status.ts";
import { bookingRateLimit } from "../../book/_booking_form.ts";

const REFUSED = Symbol("refused");

/**
 * `POST /checkout/:bookingId/hold-again`: holds an expired booking's seats again for the same
 * passengers and goes on to the new checkout; when a seat is gone, the expired checkout again,
 * saying which seats and linking the seat map. A double submit holds once.
 */
export const page = definePage({
  path: "/checkout/:bookingId/hold-again",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    POST: [bookingRateLimit(deps), async (c, user) => {
      const id = c.req.param("bookingId");
      const body = await c.req.parseBody();
      const hold = { ...deps, sql: deps.db.sql };
      let refused: Extract<HoldAgainOutcome, { ok: false }> | undefined;
      const token = body.formToken;
      if (validFormToken(token)) {
        const held = await oncePerForm(deps.store, `hold-again:${user.id}:${token}`, async () => {
          const outcome = await holdAgain(hold, user, id);
          if (outcome.ok) return outcome.bookingId;
          refused = outcome;
          throw REFUSED;
        }).catch((err) => {
          if (err !== REFUSED) throw err;
        });
        if (held) return c.redirect(`/checkout/${held}`, 303);
      } else {
        refused = { ok: false, status: 400, message: "Reload the page and try again." };
      }
      const data = await checkoutView(hold, user.id, id);
      const { booking } = data;
      const party = booking.passengers.length;
      const cabin = shownSegments(booking.segments)[0]?.cabin ?? booking.cabin;
      const seatMap = refused?.flightId &&
        `/flights/${refused.flightId}?cabin=${cabin}&passengers=${party}`;
      const view = {
        ...data,
        expired: true,
        csrf: pageInfo(c).csrf,
        attempt: formToken(),
        holdAgainToken: formToken(),
        holdAgainProblem: { message: refused!.message, seatMap: seatMap || undefined },
      };
      return pageStatus(renderPage(c, <CheckoutPage data={view} />), refused!.status);
    }],
  }),
});
