import { paymentMessage } from "../../../../domain/payment_messages.ts";
import { CheckoutPage } from "../../../../components/CheckoutPage.tsx";
import { AppError } from "../../../../domain/app_error.ts";
import { checkoutKey, PAYMENT_INTERRUPTED } from "../../../../domain/payment_attempt.ts";
import { checkoutView } from "../../../../services/bookings/checkout_view.ts";
import { payBooking } from "../../../../services/payments/pay_booking.ts";
import { PayBody } from "../../../../services/payments/pay_input.ts";
import { payDeps } from "../../../deps.ts";
import type { AppDeps } from "../../../context.ts";
import { limitOf } from "../../../middleware/limits.ts";
import { definePage, SIGNED_IN } from "../../../define_page.ts";
import { pageInfo, renderPage } from "../../../render.tsx";
import { formToken, validFormToken } from "../../_form_once.ts";
import { pageStatus } from "../../_page_status.ts";

const text = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === "string" ? form[name] as string : "";

const load = (deps: AppDeps, userId: string, id: string) =>
  checkoutView({ ...deps, sql: deps.db.sql }, userId, id);
const limited = (deps: AppDeps) => limitOf(deps, "payment");

/** `/checkout/:bookingId`: the hold, the seats and the card form (paid here without JS). */
export const page = definePage({
  path: "/checkout/:bookingId",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    GET: async (c, user) => {
      const data = await load(deps, user.id, c.req.param("bookingId"));
      // Paid or cancelled: the trip page tells what happened.
      if (["confirmed", "cancelled", "refunded"].includes(data.booking.status)) {
        return c.redirect(`/trips/${data.booking.id}`, 303);
      }
      // An attempt with no answer yet is kept across reloads (its key is still in use); a
      // decided one (paid, declined, failed) is done, and the next gets a new token.
      const attempt = data.undecidedAttempt ?? formToken();
      const page = { ...data, csrf: pageInfo(c).csrf, attempt, holdAgainToken: formToken() };
      return renderPage(c, <CheckoutPage data={page} />);
    },
    POST: [limited(deps), async (c, user) => {
      const data = await load(deps, user.id, c.req.param("bookingId"));
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
                holdAgainToken: formToken(),
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
          key: checkoutKey(booking.id, attempt),
        });
        if (response.status === 200) return c.redirect(`/trips/${booking.id}?paid=1`, 303);
        const problem = response.body as { detail?: string; code?: string };
        const message = paymentMessage(problem.code, response.status) ?? problem.detail ??
          "The payment failed.";
        // A 409 ends the hold, except an interrupted attempt: the booking can be paid again.
        const ended = response.status === 409 && problem.code !== PAYMENT_INTERRUPTED;
        return again(response.status, message, false, ended);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const retry = err.status === 503 || err.status === 429 ||
          err.code === "payment_in_progress";
        return again(
          err.status,
          paymentMessage(err.code, err.status) ?? err.detail ?? err.title,
          retry,
        );
      }
    }],
  }),
});
