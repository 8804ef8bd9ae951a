/**
 * Seats picked on the flight page before booking: one cabin, at most one per passenger,
 * carried to the hold with the cabin and party size (which start from the search's link).
 * Browser state only; nothing is held until the party books.
 */
import { useEffect, useState } from "preact/hooks";

/** The picked seats, cabin and party size, and how picks and form changes move them. */
export function useSeatSelection(initialCabin: string, cabinCodes: string[]) {
  const [selected, setSelected] = useState<string[]>([]);
  const [cabin, setCabin] = useState(initialCabin);
  const [passengers, setPassengers] = useState("1");
  useEffect(() => {
    // The flight page's link carries the search's cabin and party size.
    const q = new URLSearchParams(location.search);
    const asked = q.get("cabin");
    if (asked && cabinCodes.includes(asked)) setCabin(asked);
    if (/^[1-9]$/.test(q.get("passengers") ?? "")) setPassengers(q.get("passengers")!);
  }, []);
  return {
    selected,
    cabin,
    passengers,
    /** Picks (or drops) seat `id` of cabin `code`. */
    pick(id: string, code: string) {
      setSelected((now) => {
        if (now.includes(id)) return now.filter((x) => x !== id);
        // Another cabin starts over; a full party lets go of its earliest pick.
        const same = code === cabin ? now : [];
        return [...same, id].slice(-Number(passengers));
      });
      setCabin(code);
    },
    /** Another cabin in the form: the picks start over. */
    changeCabin(code: string) {
      setCabin(code);
      setSelected([]);
    },
    /** Another party size: picks beyond it go. */
    changePassengers(n: string) {
      setPassengers(n);
      setSelected((now) => now.slice(0, Number(n)));
    },
  };
}
