import type { AdminFlight } from "../domain/views/flight.ts";
import type { ReaccommodationPlan } from "../services/status/reaccommodation_plan.ts";
import { AdminLayout } from "./AdminLayout.tsx";
import { CsrfField } from "./Layout.tsx";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What cancelling a flight would do to its passengers, and the form that confirms it. */
export function CancelPreviewPage(
  { flight, plan, reason }: { flight: AdminFlight; plan: ReaccommodationPlan; reason: string },
) {
  const title = `${flight.carrier} ${flight.flightNumber} ${flight.origin}–${flight.destination}`;
  const refunds = plan.refundOffered.reduce((n, r) => n + r.passengers, 0);
  const moved = plan.rebooked.reduce((n, r) => n + r.passengers, 0);
  return (
    <AdminLayout title={`Preview: cancel ${title}`}>
      <p>
        <a href={`/admin/flights/${flight.id}`}>← Back to the flight, changing nothing</a>
      </p>
      <h1>Preview: cancel {title}</h1>
      <p class="notice warning">
        An estimate: nothing is held yet, so seats on other flights may be sold before you confirm,
        and the outcome can differ.
      </p>
      <p>
        {plural(plan.passengersAffected, "passenger")} affected: {moved}{" "}
        would be moved to other flights, {refunds} offered a full refund;{" "}
        {plural(plan.holdsToRelease, "unpaid hold")} would be released.
      </p>
      {plan.rebooked.length > 0 && (
        <table class="data">
          <caption>Who would go where</caption>
          <thead>
            <tr>
              <th scope="col">Booking</th>
              <th scope="col">Passengers</th>
              <th scope="col">Cabin</th>
              <th scope="col">New flights</th>
            </tr>
          </thead>
          <tbody>
            {plan.rebooked.map((r) => (
              <tr key={r.bookingId}>
                <td>{r.pnr}</td>
                <td>{r.passengers}</td>
                <td>{r.cabin}</td>
                <td>{r.flights.map((f) => f.label).join(" then ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.refundOffered.length > 0 && (
        <p>
          Offered a refund (no flight has room): {plan.refundOffered.map((r) => r.pnr).join(", ")}.
        </p>
      )}
      <form method="post" action={`/admin/flights/${flight.id}/status`}>
        <CsrfField />
        <input type="hidden" name="type" value="cancelled" />
        <input type="hidden" name="reason" value={reason} />
        <button type="submit" class="danger">Confirm the cancellation</button>
      </form>
    </AdminLayout>
  );
}
