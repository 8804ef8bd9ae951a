import { Layout } from "./Layout.tsx";
import { cabinName } from "./TripParts.tsx";
import type { PassCard } from "../domain/views/trip.ts";

function Fact({ label, children, big }: { label: string; children: string; big?: boolean }) {
  return (
    <div class={big ? "big" : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One boarding pass: route, flight, times, gate, group, seat, e-ticket and the barcode. */
export function BoardingPassCard({ pass }: { pass: PassCard }) {
  const { date, departure, boarding, zone } = pass.local;
  return (
    <article class="boarding-pass" aria-labelledby={`bp-${pass.ticket}-${pass.flightId}`}>
      <h2 id={`bp-${pass.ticket}-${pass.flightId}`}>
        Boarding pass: {pass.passenger}
      </h2>
      <p class="bp-route">
        <span>
          <strong>{pass.origin.iata}</strong> {pass.origin.city}
        </span>
        <span aria-hidden="true">→</span>
        <span class="visually-hidden">to</span>
        <span>
          <strong>{pass.destination.iata}</strong> {pass.destination.city}
        </span>
      </p>
      <dl class="bp-facts">
        <Fact label="Flight">{`${pass.carrier} ${pass.flightNumber}`}</Fact>
        <Fact label="Date">{date}</Fact>
        <Fact label="Departs">{`${departure} ${zone}`}</Fact>
        <Fact label="Boarding" big>{`${boarding} ${zone}`}</Fact>
        <Fact label="Gate" big>{pass.gate ?? "To be announced"}</Fact>
        <Fact label="Group" big>{String(pass.group)}</Fact>
        <Fact label="Seat" big>{pass.seat}</Fact>
        <Fact label="Cabin">{cabinName(pass.cabin)}</Fact>
        <Fact label="Sequence">{String(pass.sequence).padStart(3, "0")}</Fact>
        <Fact label="E-ticket">{pass.ticket}</Fact>
      </dl>
      <img
        class="bp-barcode"
        src={pass.barcodeUri}
        alt={`PDF417 boarding pass barcode for ${pass.passenger}: ${pass.bcbp}`}
      />
      <p class="mono bcbp">{pass.bcbp}</p>
      <p class="bp-note">
        Be at the gate by boarding time; the gate closes 15 minutes before departure.
      </p>
    </article>
  );
}

/**
 * A page of boarding passes, one printed page each: every pass of the booking, or one
 * passenger's. `links` names each passenger's own page, when there are several.
 */
export function BoardingPassesPage(
  { pnr, passes, back, each }: {
    pnr: string;
    passes: PassCard[];
    /** The trip page to return to. */
    back: string;
    /** The URL of one passenger's passes, by ticket; omitted on that page itself. */
    each?: (ticket: string) => string;
  },
) {
  const tickets = [...new Map(passes.map((p) => [p.ticket, p.passenger])).entries()];
  return (
    <Layout title={`Boarding passes ${pnr}`} styles={["booking.css", "passes.css"]}>
      <div class="bp-tools">
        <h1>
          Boarding passes, trip <span class="mono">{pnr}</span>
        </h1>
        <p>
          Print them (one pass per page) or show them on your phone at the airport.{" "}
          <a href={back}>Back to the trip</a>
        </p>
        {each && tickets.length > 1 && (
          <ul class="bp-people">
            {tickets.map(([ticket, name]) => (
              <li key={ticket}>
                <a href={each(ticket)}>{name} only</a>
              </li>
            ))}
          </ul>
        )}
      </div>
      {passes.map((p) => <BoardingPassCard key={`${p.ticket}-${p.flightId}`} pass={p} />)}
    </Layout>
  );
}
