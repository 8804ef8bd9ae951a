-- Seat fees (domain/seat_fees.ts): set per aircraft type, optionally overridden per flight
-- (NULL: the type's). A booking segment records the fees its seats cost and the seats the
-- airline chose itself (seated together), which never pay a fee.
ALTER TABLE aircraft_types ADD COLUMN seat_fees jsonb NOT NULL DEFAULT '{}';
ALTER TABLE flights ADD COLUMN seat_fees jsonb;
ALTER TABLE booking_segments ADD COLUMN seat_fees integer NOT NULL DEFAULT 0
  CHECK (seat_fees >= 0);
ALTER TABLE booking_segments ADD COLUMN fee_free_seats text[] NOT NULL DEFAULT '{}';
-- Seats of bookings made before seats had fees were free; they count as the airline's choice
-- (the checkout says "We seated your party together" for them, as it always did).
UPDATE booking_segments SET fee_free_seats = seats;
