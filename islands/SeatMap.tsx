import { defineIsland } from "./island.ts";
import { useEffect, useState } from "preact/hooks";
import type { CabinView, SeatMapView, SeatView } from "../domain/inventory/view.ts";
import { formatPrice } from "../domain/text_format.ts";
import { SeatGrid, type SeatLook } from "./seat_map/SeatGrid.tsx";
import { SeatList } from "./seat_map/SeatList.tsx";
import { FareTable } from "./seat_map/FareTable.tsx";
import { BookForm, defaultCabin } from "./seat_map/BookForm.tsx";
import { ChoicePanel, SeatLegend } from "./seat_map/ChoicePanel.tsx";
import { describeChange, seatLabel } from "./seat_map/model.ts";
import { useSeatStream } from "./client/seat_stream.ts";
import { type SeatBooking, useSeatChoice } from "./client/seat_choice.ts";

/** Props of SeatMap: with `booking`, the map chooses that booking's seats. */
export interface SeatMapProps {
  flightId: string;
  snapshot: SeatMapView;
  currency: string;
  booking?: SeatBooking;
  /** Starts the map's element ids, so one page can show several maps (default none). */
  idPrefix?: string;
}

/**
 * The live seat map: cabins, rows, aisles, exit and legroom rows, each seat a button with a
 * full spoken label, a list alternative, and an announcement when seats change. Viewing:
 * fares and a "Book this flight" form. With a booking: picks its seats and holds them.
 */
function SeatMap({ flightId, snapshot, currency, booking, idPrefix = "" }: SeatMapProps) {
  const [news, setNews] = useState("");
  const [focusId, setFocusId] = useState<string>();
  // Seats picked before booking (one cabin, at most one per passenger), carried to the hold.
  const [selected, setSelected] = useState<string[]>([]);
  const [bookCabin, setBookCabin] = useState(() => defaultCabin(snapshot.cabins));
  const [passengers, setPassengers] = useState("1");
  const choice = useSeatChoice(booking);
  const { view, connected } = useSeatStream(flightId, snapshot, (before, change) => {
    if (change.change === "reconfigured") {
      setNews("The aircraft was changed: the seat map has been updated.");
      void choice.reload();
    } else {
      const text = describeChange(before, change, choice.isOwn);
      if (text) setNews(text);
    }
  });
  useEffect(() => {
    // The flight page's link carries the search's cabin and party size.
    const q = new URLSearchParams(location.search);
    const cabin = q.get("cabin");
    if (cabin && snapshot.cabins.some((c) => c.code === cabin)) setBookCabin(cabin);
    if (/^[1-9]$/.test(q.get("passengers") ?? "")) setPassengers(q.get("passengers")!);
  }, []);

  const money = (minor: number) => formatPrice(minor, currency);
  const cabins = booking ? view.cabins.filter((c) => c.code === booking.cabin) : view.cabins;
  const slots = choice.choice.slots;

  const look = (cabin: CabinView) => (s: SeatView): SeatLook => {
    const slot = slots.indexOf(s.id);
    if (booking && slot >= 0) {
      const whose = booking.count > 1 ? `your seat, passenger ${slot + 1}` : "your seat";
      return { kind: "mine", label: seatLabel(s, whose), disabled: false };
    }
    if (s.status === "blocked") {
      return { kind: "blocked", label: seatLabel(s, "not for sale"), disabled: true };
    }
    if (s.status !== "free") return { kind: "taken", label: seatLabel(s, "taken"), disabled: true };
    const price = booking || cabin.price === undefined ? undefined : money(cabin.price);
    const kind = selected.includes(s.id) ? "selected" : "free";
    return { kind, label: seatLabel(s, "available", price), disabled: false };
  };
  // Every seat on show with its cabin, in one walk of the map.
  const placed = new Map(
    cabins.flatMap((c) =>
      c.rows.flatMap((r) => r.seats.map((s) => [s.id, { seat: s, cabin: c }] as const))
    ),
  );
  const cabinOf = (id: string) => placed.get(id)!.cabin;
  const pick = (s: SeatView) => {
    if (booking) return choice.pick(s.id);
    const code = cabinOf(s.id).code;
    setSelected((now) => {
      if (now.includes(s.id)) return now.filter((id) => id !== s.id);
      // Another cabin starts over; a full party lets go of its earliest pick.
      const same = code === bookCabin ? now : [];
      return [...same, s.id].slice(-Number(passengers));
    });
    setBookCabin(code);
  };
  const changeCabin = (code: string) => {
    setBookCabin(code);
    setSelected([]);
  };
  const changePassengers = (n: string) => {
    setPassengers(n);
    setSelected((now) => now.slice(0, Number(n)));
  };
  // Seats taken by others since they were picked drop out of the choice.
  const freeSelected = selected.filter((id) => placed.get(id)?.seat.status === "free");
  const lastSeat = placed.get(freeSelected.at(-1) ?? "")?.seat;

  return (
    <div class="seat-map">
      {!booking && <FareTable cabins={view.cabins} formatPrice={money} />}
      <p class="seat-live" role="status">{news}</p>
      {connected !== undefined && (
        <p class="live-state">
          {connected ? "Live: seats change here as others book." : "Reconnecting…"}
        </p>
      )}
      {booking && (
        <ChoicePanel
          group={`seat-for-${idPrefix}${booking.id}`}
          choice={choice.choice}
          pending={choice.pending}
          notice={choice.notice}
          error={choice.error}
          onActivate={choice.activate}
        />
      )}
      <SeatLegend />
      {cabins.map((cabin) => (
        <section key={cabin.code} class="cabin" aria-labelledby={`${idPrefix}cabin-${cabin.code}`}>
          <h3 id={`${idPrefix}cabin-${cabin.code}`}>
            {cabin.name}{" "}
            <span class="cabin-offer">
              {`${cabin.seatsLeft} seats left`}
              {!booking && cabin.price !== undefined && ` · ${money(cabin.price)} per seat`}
            </span>
          </h3>
          <SeatGrid
            cabin={cabin}
            look={look(cabin)}
            focusId={focusId}
            onPick={pick}
            onFocusSeat={setFocusId}
          />
        </section>
      ))}
      <SeatList
        cabins={cabins}
        look={(s) => look(cabinOf(s.id))(s)}
        price={booking ? undefined : (c) => (c.price === undefined ? undefined : money(c.price))}
        action={booking ? "Choose" : "Select"}
        onPick={pick}
      />
      {!booking && (
        <>
          <p class="seat-detail" role="status">
            {lastSeat
              ? `${seatLabel(lastSeat, `selected in ${cabinOf(lastSeat.id).name}`)}. ` +
                pickedSummary(freeSelected.length, Number(passengers))
              : ""}
          </p>
          <BookForm
            flightId={flightId}
            cabins={view.cabins}
            cabin={bookCabin}
            passengers={passengers}
            seats={freeSelected.length === Number(passengers) ? freeSelected : []}
            onCabin={changeCabin}
            onPassengers={changePassengers}
            money={money}
          />
        </>
      )}
    </div>
  );
}

/** What the picked seats mean for the booking, for the status line. */
function pickedSummary(picked: number, party: number): string {
  if (picked === party) {
    return `${party > 1 ? `All ${party} seats` : "Your seat"} chosen: book this flight to hold ${
      party > 1 ? "them" : "it"
    }.`;
  }
  return `${picked} of ${party} seats chosen; choose ${party - picked} more to hold these, ` +
    "or book now and we seat your party together (you can change seats at checkout).";
}

/** The SeatMap island, as pages embed it. */
export default defineIsland("SeatMap", SeatMap);
