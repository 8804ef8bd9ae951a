/**
 * View types of bookings: what the repositories return and the pages and API show. Pure
 * types, so db/, services/, components/ and islands/ can all name them.
 */
/** A passenger on a booking. */
export interface PassengerInput {
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
  email?: string;
}

/** A booking as the API shows it. */
export interface BookingView {
  id: string;
  pnr: string;
  status: string;
  flightId: string;
  userId: string | null;
  cabin: string;
  seats: string[];
  total: number;
  currency: string;
  expiresAt: string | null;
  holdId: string | null;
  createdAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  passengers: PassengerInput[];
  tickets: { number: string; passenger: number; seat: string | null; status: string }[];
  payments: {
    id: string;
    kind: string;
    status: string;
    amount: number;
    currency: string;
    cardBrand: string | null;
    cardLast4: string | null;
    createdAt: string;
  }[];
}
