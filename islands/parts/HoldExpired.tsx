import type { ComponentChildren } from "preact";

/** Props of HoldExpired. */
export interface HoldExpiredProps {
  bookingId: string;
  csrf: string;
  /** The form's once-only token: a double submit holds once. */
  token: string;
  /** Why the last try to hold again failed, and where to choose other seats. */
  problem?: { message: string; seatMap?: string };
  children?: ComponentChildren;
}

/**
 * The one state of a checkout whose hold ran out: it says so (nothing says the seats are held)
 * and offers to hold the same seats again for the same passengers, a plain form that works
 * with or without JavaScript. Rendered by the page, and by the countdown when it reaches zero.
 */
export function HoldExpired(p: HoldExpiredProps) {
  return (
    <section class="card hold hold-expired" aria-labelledby="hold-title">
      <h2 id="hold-title">The hold has expired</h2>
      <p>
        Your seats were released and payment is closed. If they are still free, you can hold the
        same seats again for the same passengers.
      </p>
      <div role="alert">
        {p.problem && (
          <p class="form-error">
            {p.problem.message}
            {p.problem.seatMap && (
              <>
                {" "}
                <a href={p.problem.seatMap}>Open the seat map</a>.
              </>
            )}
          </p>
        )}
      </div>
      <form method="post" action={`/checkout/${p.bookingId}/hold-again`}>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="formToken" value={p.token} />
        <button type="submit">Hold these seats again</button>
      </form>
      <p>
        <a href="/">Or start a new search</a>
      </p>
      {p.children}
    </section>
  );
}
