-- Journeys: a booking is one or more segments (one flight each, in travel order by departure),
-- and a passenger has one e-ticket for the whole journey with one coupon per flight.

-- A booking's flights, each with its cabin, the hold that owns its seats while unpaid, the
-- seats and the price of one seat. The one home of "which flights a booking is on".
CREATE TABLE booking_segments (
  booking_id uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  flight_id uuid NOT NULL REFERENCES flights (id),
  cabin char(1) NOT NULL CHECK (cabin IN ('F', 'J', 'W', 'Y')),
  hold_id text,
  seats text[] NOT NULL DEFAULT '{}',
  unit_price integer NOT NULL DEFAULT 0 CHECK (unit_price >= 0),
  status text NOT NULL DEFAULT 'held'
    CHECK (status IN ('held', 'confirmed', 'expired', 'released', 'cancelled')),
  PRIMARY KEY (booking_id, flight_id)
);
CREATE INDEX booking_segments_flight_idx ON booking_segments (flight_id, status);
-- The projector ends held segments by their hold (expired or released holds).
CREATE INDEX booking_segments_hold_idx ON booking_segments (hold_id) WHERE status = 'held';

INSERT INTO booking_segments (booking_id, flight_id, cabin, hold_id, seats, unit_price, status)
SELECT b.id, b.flight_id, b.cabin, b.hold_id, b.seats,
  COALESCE(
    (SELECT max(t.fare_amount) FROM tickets t
      WHERE t.booking_id = b.id AND t.flight_id = b.flight_id),
    b.total_amount / GREATEST(1,
      (SELECT count(*) FROM booking_passengers p WHERE p.booking_id = b.id))),
  CASE b.status WHEN 'held' THEN 'held' WHEN 'confirmed' THEN 'confirmed'
    WHEN 'expired' THEN 'expired' ELSE 'cancelled' END
FROM bookings b;

-- Legs a rebooking added (tickets on flights other than the booking's own).
INSERT INTO booking_segments (booking_id, flight_id, cabin, seats, unit_price, status)
SELECT t.booking_id, t.flight_id, min(t.cabin),
  array_agg(t.seat ORDER BY t.passenger_position) FILTER (WHERE t.seat IS NOT NULL),
  max(t.fare_amount),
  CASE WHEN bool_or(t.status IN ('open', 'checked_in', 'boarded', 'flown')) THEN 'confirmed'
    ELSE 'cancelled' END
FROM tickets t
GROUP BY t.booking_id, t.flight_id
ON CONFLICT (booking_id, flight_id) DO NOTHING;
UPDATE booking_segments SET seats = '{}' WHERE seats IS NULL;

DROP INDEX bookings_hold_idx;
DROP INDEX bookings_flight_idx;
ALTER TABLE bookings DROP COLUMN flight_id, DROP COLUMN cabin, DROP COLUMN hold_id,
  DROP COLUMN seats;

-- One ticket per passenger per booking, and its coupons: one per flight, each with its own
-- status. Existing per-flight tickets become coupons of the passenger's first ticket number.
ALTER TABLE tickets RENAME TO legacy_tickets;
DROP INDEX tickets_flight_idx;

CREATE TABLE tickets (
  number char(13) PRIMARY KEY CHECK (number ~ '^[0-9]{13}$'),
  booking_id uuid NOT NULL REFERENCES bookings (id),
  passenger_position smallint NOT NULL CHECK (passenger_position >= 0),
  fare_amount integer NOT NULL CHECK (fare_amount >= 0),
  currency char(3) NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (booking_id, passenger_position)
);

CREATE TABLE ticket_coupons (
  ticket_number char(13) NOT NULL REFERENCES tickets (number),
  coupon smallint NOT NULL CHECK (coupon >= 1),
  flight_id uuid NOT NULL REFERENCES flights (id),
  seat text,
  cabin char(1) NOT NULL,
  fare_amount integer NOT NULL CHECK (fare_amount >= 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'checked_in', 'boarded',
    'flown', 'void', 'refunded', 'exchanged')),
  checkin_sequence integer,
  checked_in_at timestamptz,
  PRIMARY KEY (ticket_number, coupon),
  UNIQUE (ticket_number, flight_id)
);
-- Reports, passenger lists and seat checks read a flight's coupons.
CREATE INDEX ticket_coupons_flight_idx ON ticket_coupons (flight_id, status);

INSERT INTO tickets (number, booking_id, passenger_position, fare_amount, currency, issued_at)
SELECT min(number), booking_id, passenger_position,
  COALESCE(sum(fare_amount) FILTER (WHERE status NOT IN ('void', 'refunded')), 0),
  min(currency), min(issued_at)
FROM legacy_tickets GROUP BY booking_id, passenger_position;

INSERT INTO ticket_coupons (ticket_number, coupon, flight_id, seat, cabin, fare_amount, status,
  checkin_sequence, checked_in_at)
SELECT t.number,
  row_number() OVER (PARTITION BY l.booking_id, l.passenger_position
    ORDER BY l.issued_at, l.number),
  l.flight_id, l.seat, l.cabin, l.fare_amount, l.status, l.checkin_sequence, l.checked_in_at
FROM legacy_tickets l
JOIN tickets t ON t.booking_id = l.booking_id AND t.passenger_position = l.passenger_position;

DROP TABLE legacy_tickets;
