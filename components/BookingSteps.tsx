const STEPS = ["Passengers", "Seats and payment", "Your trip"];

/** Where the passenger is in booking: an ordered list with the current step marked. */
export function BookingSteps({ current }: { current: 1 | 2 | 3 }) {
  return (
    <nav aria-label="Booking steps">
      <ol class="steps">
        {STEPS.map((label, i) => (
          <li
            key={label}
            class={i + 1 === current ? "current" : i + 1 < current ? "done" : undefined}
            aria-current={i + 1 === current ? "step" : undefined}
          >
            {label}
          </li>
        ))}
      </ol>
    </nav>
  );
}
