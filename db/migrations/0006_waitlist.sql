-- Passengers waiting for seats on a full cabin, served first come, first served.
CREATE TABLE waitlist (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  flight_id uuid NOT NULL REFERENCES flights (id) ON DELETE CASCADE,
  cabin char(1) NOT NULL CHECK (cabin IN ('F', 'J', 'W', 'Y')),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  passengers jsonb NOT NULL,
  seat_count integer NOT NULL CHECK (seat_count BETWEEN 1 AND 9),
  status text NOT NULL DEFAULT 'waiting'
    CHECK (status IN ('waiting', 'offering', 'offered', 'cancelled')),
  booking_id uuid REFERENCES bookings (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  offered_at timestamptz
);
CREATE INDEX waitlist_queue_idx ON waitlist (flight_id, cabin, created_at) WHERE status = 'waiting';
CREATE UNIQUE INDEX waitlist_one_per_user_idx ON waitlist (flight_id, cabin, user_id)
  WHERE status IN ('waiting', 'offering');
