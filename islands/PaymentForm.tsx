import { paymentMessage } from "../domain/payment_messages.ts";
import { defineIsland } from "./island.ts";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, type Problem } from "./client/api.ts";
import { announceHoldExpired, onHoldExpired, onTotalChanged } from "./client/hold_events.ts";
import { CardFields, type CardFieldsProps } from "./parts/CardFields.tsx";
import { checkoutKey, PAYMENT_INTERRUPTED } from "../domain/payment_attempt.ts";

/** Props of PaymentForm. */
export interface PaymentFormProps extends CardFieldsProps {
  bookingId: string;
  /** The amount to pay, already formatted ("$318"). */
  amount: string;
  /**
   * The CSRF token, and the attempt token the form posts without JavaScript (and pays under
   * first when hydrated): the server's attempt still undecided, if any, kept across reloads.
   */
  csrf: string;
  attempt: string;
  expired: boolean;
  /** A message from the server's last answer to this form (without JavaScript). */
  error?: string;
}

/** Answers after which the same attempt may be sent again: nothing was decided. */
const RETRYABLE = new Set([0, 409, 429, 503]);
const EXPIRED = new Set(["hold_expired", "hold_not_found", "not_held"]);

function message(p: Problem): string {
  const plain = paymentMessage(p.code, p.status);
  if (plain) return plain;
  if (p.status === 0) return "No connection. Try again: you will not be charged twice.";
  const fields = p.errors?.map((e) => `${e.path.replace("card.", "")}: ${e.message}`).join("; ");
  return [p.detail ?? p.title, fields].filter(Boolean).join(" ");
}

/**
 * The card form. Without JavaScript it posts to the checkout page, which pays on the server.
 * Hydrated, it pays through the API with one Idempotency-Key per attempt, the same key the
 * form would post (`checkout:<booking>:<attempt>`), starting with the server's attempt: a
 * double click, a lost answer, a busy processor or a reload retries the same attempt and can
 * never charge twice; only a final answer (a decline, a bad card, an interrupted attempt)
 * starts a new one.
 */
function PaymentForm(props: PaymentFormProps) {
  const [paying, setPaying] = useState(false);
  const [expired, setExpired] = useState(props.expired);
  const [error, setError] = useState(props.error ?? "");
  const attempt = useRef<string | undefined>(props.attempt);

  // New seats on the map may change the total (seat fees): the button says what is charged.
  const [amount, setAmount] = useState(props.amount);
  useEffect(() => onHoldExpired(props.bookingId, () => setExpired(true)), []);
  useEffect(() => onTotalChanged(props.bookingId, setAmount), []);

  const pay = async (e: Event) => {
    e.preventDefault();
    if (paying || expired) return;
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const field = (name: string) => String(form.get(name) ?? "");
    attempt.current ??= crypto.randomUUID().replaceAll("-", "");
    setPaying(true);
    setError("");
    const res = await api<unknown>(`/api/bookings/${props.bookingId}/pay`, {
      method: "POST",
      headers: { "Idempotency-Key": checkoutKey(props.bookingId, attempt.current) },
      body: {
        card: {
          number: field("number"),
          expMonth: Number(field("expMonth")),
          expYear: Number(field("expYear")),
          cvc: field("cvc"),
          name: field("name"),
        },
      },
    });
    const problem = res.ok ? undefined : res.problem ??
      { status: res.status, code: "error", title: "The payment failed." };
    if (!problem || problem.code === "already_paid") {
      location.assign(`/trips/${props.bookingId}?paid=1`);
      return;
    }
    if (EXPIRED.has(problem.code)) {
      setExpired(true);
      announceHoldExpired(props.bookingId);
    }
    if (!RETRYABLE.has(res.status) || problem.code === PAYMENT_INTERRUPTED) {
      attempt.current = undefined;
    }
    setError(message(problem));
    setPaying(false);
  };

  return (
    <form
      method="post"
      action={`/checkout/${props.bookingId}`}
      class="stack pay-form"
      onSubmit={pay}
      aria-busy={paying ? "true" : undefined}
      aria-describedby={error ? "pay-error" : undefined}
    >
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="attempt" value={props.attempt} />
      <div role="alert" aria-atomic="true">
        {error && <p class="form-error" id="pay-error">{error}</p>}
      </div>
      {expired
        // The hold's own section says what happened and offers to hold the seats again.
        ? <p>Payment is closed because the hold expired.</p>
        : (
          <>
            <CardFields years={props.years} />
            <button type="submit" disabled={paying}>
              {paying ? "Paying…" : `Pay ${amount}`}
            </button>
          </>
        )}
    </form>
  );
}

/** The PaymentForm island, as pages embed it. */
export default defineIsland("PaymentForm", PaymentForm);
