/** The boarding passes pages of a trip, the owner's and a guest's alike. */
import type { Context } from "hono";
import { BoardingPassesPage } from "../../../components/BoardingPassCards.tsx";
import type { BookedLeg, BookingView } from "../../../domain/views/booking.ts";
import { passCards } from "../../../services/check_in/pass_cards.ts";
import type { AppDeps, AppEnv } from "../../context.ts";
import { renderPage } from "../../render.tsx";

/**
 * Renders the passes of the trip whose page is `back`, served at `at`: every passenger's, with
 * a link to each one's own page (`at/<ticket>`), or only the passenger holding e-ticket `ticket`.
 */
export async function renderPasses(
  c: Context<AppEnv>,
  deps: AppDeps,
  trip: { booking: BookingView; legs: BookedLeg[]; back: string; at: string; ticket?: string },
): Promise<Response> {
  const { booking, legs, back, at, ticket } = trip;
  const passes = await passCards(deps.db.sql, booking, legs, { ticket });
  return renderPage(
    c,
    <BoardingPassesPage
      pnr={booking.pnr}
      passes={passes}
      back={ticket ? at : back}
      each={ticket ? undefined : (t) => `${at}/${t}`}
    />,
  );
}
