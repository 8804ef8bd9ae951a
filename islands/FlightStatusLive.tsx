import { defineIsland } from "./island.ts";
import { useEffect, useState } from "preact/hooks";
import { formatInZone } from "./client/time_format.ts";
import type { LiveStatus } from "../domain/views/flight.ts";
import { statusText } from "../domain/flight_status.ts";

/** Props of FlightStatusLive. */
export interface FlightStatusLiveProps {
  flightId: string;
  status: LiveStatus;
  originTz: string;
  destinationTz: string;
  /** The section's heading (default "Flight status"), naming the flight on a journey. */
  heading?: string;
}

/** One sentence for a screen reader about a change. */
function describe(s: LiveStatus, tz: string): string {
  const when = (iso: string | null) => (iso ? formatInZone(iso, tz) : "");
  switch (s.kind) {
    case "delayed":
      return `Flight delayed. New departure ${when(s.estimatedDepartureAt)}${
        s.reason ? `: ${s.reason}` : ""
      }.`;
    case "gate_changed":
      return `Gate changed to ${s.gate}.`;
    case "boarding":
      return `Boarding now${s.gate ? ` at gate ${s.gate}` : ""}.`;
    case "cancelled":
      return `Flight cancelled${s.reason ? `: ${s.reason}` : ""}. See below for what happens next.`;
    default:
      return `Flight status: ${statusText(s, tz)}.`;
  }
}

/**
 * A flight's live status: delay, gate, boarding and cancellation appear as they are
 * published (the status stream), and each change is read out by screen readers.
 */
function FlightStatusLive(props: FlightStatusLiveProps) {
  const [s, setS] = useState(props.status);
  const [said, setSaid] = useState("");
  useEffect(() => {
    const source = new EventSource(`/api/flights/${props.flightId}/status/stream`);
    const apply = (e: MessageEvent, announce: boolean) => {
      const next = JSON.parse(e.data) as LiveStatus;
      setS((prev) => (next.version >= prev.version ? next : prev));
      if (announce) setSaid(describe(next, props.originTz));
    };
    const onSnapshot = (e: Event) => apply(e as MessageEvent, false);
    const onStatus = (e: Event) => apply(e as MessageEvent, true);
    source.addEventListener("snapshot", onSnapshot);
    source.addEventListener("status", onStatus);
    return () => source.close();
  }, []);

  const late = s.estimatedDepartureAt && s.estimatedDepartureAt !== s.departureAt;
  return (
    <section class={`card live-status live-${s.status}`} aria-labelledby="live-title">
      <h2 id="live-title">{props.heading ?? "Flight status"}</h2>
      <dl class="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span class={`status status-${s.status}`}>{statusText(s, props.originTz)}</span>
          </dd>
        </div>
        <div>
          <dt>Departure (local)</dt>
          <dd>
            {late
              ? (
                <>
                  <del>
                    <span class="visually-hidden">scheduled:</span>{" "}
                    {formatInZone(s.departureAt, props.originTz)}
                  </del>{" "}
                  <ins>
                    <span class="visually-hidden">now expected:</span>{" "}
                    {formatInZone(s.estimatedDepartureAt!, props.originTz)}
                  </ins>
                </>
              )
              : formatInZone(s.departureAt, props.originTz)}
          </dd>
        </div>
        <div>
          <dt>Arrival (local)</dt>
          <dd>
            {formatInZone(s.estimatedArrivalAt ?? s.arrivalAt, props.destinationTz)}
          </dd>
        </div>
        <div>
          <dt>Gate</dt>
          <dd>{s.gate ?? "Not yet assigned"}</dd>
        </div>
      </dl>
      {s.reason && <p class="reason">Reason: {s.reason}</p>}
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">{said}</p>
    </section>
  );
}

/** The FlightStatusLive island, as pages embed it. */
export default defineIsland("FlightStatusLive", FlightStatusLive);
