/**
 * A flight's live seat map in the browser: the seat SSE stream applied to a snapshot, the
 * snapshot fetched again after an aircraft change, and cabin prices refreshed after seats
 * move. EventSource reconnects by itself and resumes with Last-Event-ID. Browser-only.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { SeatMapView } from "../../domain/inventory/view.ts";
import type { SeatChange } from "../../domain/realtime/seat_changes.ts";
import { applyChange, type CabinOffer, withOffers } from "../seat_map/model.ts";
import { api } from "./api.ts";

/** Called after each change others can see, with the map as it was before it. */
export type SeatListener = (before: SeatMapView, change: SeatChange) => void;

// Many browsers watch a busy flight: spread their price refreshes out.
const OFFERS_DELAY_MS = 800;
const OFFERS_JITTER_MS = 1200;

/** The live seat map of `flightId`, starting from the server-rendered `initial` snapshot. */
export function useSeatStream(flightId: string, initial: SeatMapView, listener: SeatListener) {
  const [view, setView] = useState(initial);
  // Undefined until the stream first opens or fails (and on the server).
  const [connected, setConnected] = useState<boolean | undefined>(undefined);
  const current = useRef(initial);
  const listen = useRef(listener);
  listen.current = listener;

  useEffect(() => {
    const base = `/api/flights/${encodeURIComponent(flightId)}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let acceptAny = false;
    const update = (next: SeatMapView) => {
      current.current = next;
      setView(next);
    };
    const refreshOffers = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const r = await api<{ cabins: CabinOffer[] }>(base);
        if (r.ok) update(withOffers(current.current, r.data.cabins));
      }, OFFERS_DELAY_MS + Math.random() * OFFERS_JITTER_MS);
    };
    const refetch = async (atLeast: number) => {
      const r = await api<SeatMapView>(`${base}/seats`);
      if (r.ok && r.data.seq >= atLeast) update(r.data);
    };
    // The page already carries the map at `initial.seq`: the stream starts after it (only the
    // changes since, not a second copy of the whole map); EventSource's own Last-Event-ID
    // takes over on reconnects.
    const source = new EventSource(`${base}/seats/stream?lastEventId=${initial.seq}`);
    source.addEventListener("open", () => setConnected(true));
    source.addEventListener("error", () => setConnected(source.readyState === EventSource.OPEN));
    // After a reset the log was rebuilt: the next snapshot wins whatever its seq.
    source.addEventListener("reset", () => (acceptAny = true));
    source.addEventListener("snapshot", (e) => {
      const snapshot = JSON.parse((e as MessageEvent).data) as SeatMapView;
      if (acceptAny || snapshot.seq >= current.current.seq) update(snapshot);
      acceptAny = false;
    });
    source.addEventListener("seats", (e) => {
      const change = JSON.parse((e as MessageEvent).data) as SeatChange;
      const before = current.current;
      if (change.change === "reconfigured") {
        void refetch(change.seq);
        listen.current(before, change);
      } else if (["repriced", "status", "retired"].includes(change.change)) {
        refreshOffers();
      } else {
        update(applyChange(before, change));
        if (current.current !== before) {
          listen.current(before, change);
          refreshOffers();
        }
      }
    });
    return () => {
      source.close();
      clearTimeout(timer);
    };
  }, [flightId]);

  return { view, connected };
}
