import { defineIsland } from "./island.ts";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { CabinView, SeatView } from "../domain/inventory/view.ts";
import { formatPrice } from "../domain/text_format.ts";
import { SeatGrid, type SeatLook } from "./seat_map/SeatGrid.tsx";
import { SeatList } from "./seat_map/SeatList.tsx";
import { FareTable } from "./seat_map/FareTable.tsx";
import { BookForm, defaultCabin } from "./seat_map/BookForm.tsx";
import { ChoicePanel, SeatLegend } from "./seat_map/ChoicePanel.tsx";
import { SeatSummary } from "./seat_map/SeatSummary.tsx";
import { describeChange, pickedSummary, seatLabel, seatLook } from "./seat_map/model.ts";
import { type CompactSeatMap, expandSeatMap, rowFeesOf } from "./seat_map/compact.ts";
import { useSeatStream } from "./client/seat_stream.ts";
import { type SeatBooking, useSeatChoice } from "./client/seat_choice.ts";
import { useSeatSelection } from "./client/seat_selection.ts";
import { announceTotal } from "./client/hold_events.ts";

/** Props of SeatMap: with `booking`, the map chooses that booking's seats. */
export interface SeatMapProps {
  flightId: string;
  /** The seat map and its row fees, compact (see seat_map/compact.ts). */
  seats: CompactSeatMap;
  currency: string;
  booking?: SeatBooking;
  /** Starts the map's element ids, so one page can show several maps (default none). */
  idPrefix?: string;
}

/**
 * The live seat map: cabins, rows, aisles, exit and legroom rows, seat fees, each seat a
 * button with a full spoken label, a list alternative, and an announcement when seats change.
 * Viewing: fares, a "Book this flight" form and a summary that stays on screen. With a
 * booking: picks its seats and holds them, showing the fees and the new total.
 */
function SeatMap({ flightId, seats, currency, booking, idPrefix = "" }: SeatMapProps) {
  const snapshot = useMemo(() => expandSeatMap(seats), [seats]);
  const fees = useMemo(() => rowFeesOf(seats), [seats]);
  const [news, setNews] = useState("");
  const [focusId, setFocusId] = useState<string>();
  const picked = useSeatSelection(
    defaultCabin(snapshot.cabins),
    snapshot.cabins.map((c) => c.code),
  );
  const { selected, cabin: bookCabin, passengers } = picked;
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

  const money = (minor: number) => formatPrice(minor, currency);
  useEffect(() => {
    if (booking && choice.total !== undefined && choice.total !== booking.total) {
      announceTotal(booking.id, money(choice.total));
    }
  }, [choice.total]);
  const cabins = booking ? view.cabins.filter((c) => c.code === booking.cabin) : view.cabins;
  const slots = choice.choice.slots;
  const placed = new Map(
    cabins.flatMap((c) =>
      c.rows.flatMap((r) => r.seats.map((s) => [s.id, { seat: s, cabin: c }] as const))
    ),
  );
  const cabinOf = (id: string) => placed.get(id)!.cabin;
  const feeOf = (id: string) => {
    const p = placed.get(id);
    return (p && fees[p.cabin.code]?.[p.seat.row]) || 0;
  };
  const feeWords = (s: SeatView) => (feeOf(s.id) ? `${money(feeOf(s.id))} seat fee` : undefined);
  const look = (cabin: CabinView) => (s: SeatView): SeatLook =>
    seatLook(s, {
      slot: booking ? slots.indexOf(s.id) : -1,
      party: booking?.count ?? 1,
      selected: selected.includes(s.id),
      fare: booking || cabin.price === undefined ? undefined : money(cabin.price),
      fee: feeWords(s),
    });
  const pick = (id: string) => (booking ? choice.pick(id) : picked.pick(id, cabinOf(id).code));
  // Seats taken by others since they were picked drop out of the choice.
  const freeSelected = selected.filter((id) => placed.get(id)?.seat.status === "free");
  const lastSeat = placed.get(freeSelected.at(-1) ?? "")?.seat;
  const party = Number(passengers);
  const carried = freeSelected.length === party ? freeSelected : [];
  const fare = view.cabins.find((c) => c.code === bookCabin)?.price;
  const chosenFees = carried.reduce((n, id) => n + feeOf(id), 0);
  const bookFormId = `${idPrefix}book-form`;

  return (
    <div class="seat-map">
      {!booking && <FareTable cabins={view.cabins} formatPrice={money} fees={fees} />}
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
      <SeatLegend fees={Object.values(fees).some((f) => Object.keys(f).length > 0)} />
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
            fees={fees[cabin.code]}
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
        fee={(s) => (feeOf(s.id) ? money(feeOf(s.id)) : undefined)}
        action={booking ? "Choose" : "Select"}
        onPick={(s) => pick(s.id)}
      />
      {booking
        ? (
          <SeatSummary
            seats={choice.held}
            fees={choice.held.reduce((n, id) => n + feeOf(id), 0)}
            total={choice.total === undefined ? undefined : money(choice.total)}
            money={money}
            empty="No seats yet."
          />
        )
        : (
          <>
            <p class="seat-detail" role="status">
              {lastSeat
                ? `${seatLabel(lastSeat, `selected in ${cabinOf(lastSeat.id).name}`)}. ` +
                  pickedSummary(freeSelected.length, party)
                : ""}
            </p>
            <BookForm
              id={bookFormId}
              flightId={flightId}
              cabins={view.cabins}
              cabin={bookCabin}
              passengers={passengers}
              seats={carried}
              onCabin={picked.changeCabin}
              onPassengers={picked.changePassengers}
              money={money}
            />
            <SeatSummary
              seats={carried}
              fees={chosenFees}
              total={fare === undefined ? undefined : money(fare * party + chosenFees)}
              money={money}
              form={bookFormId}
              empty="No seats chosen: we seat your party together at no seat fee."
            />
          </>
        )}
    </div>
  );
}

/** The SeatMap island, as pages embed it. */
export default defineIsland("SeatMap", SeatMap);
