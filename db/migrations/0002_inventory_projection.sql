-- Postgres' copy of each flight's live inventory, written only by the outbox projector from
-- the actor's event log. It converges to KV's truth and is what an actor rebuilds from.

CREATE TABLE inventory_projection (
  flight_id uuid PRIMARY KEY REFERENCES flights (id) ON DELETE CASCADE,
  -- The last event sequence number applied; events at or below it are skipped on replay.
  last_seq bigint NOT NULL DEFAULT 0,
  blocked_seats text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inventory_holds (
  hold_id text PRIMARY KEY,
  flight_id uuid NOT NULL REFERENCES flights (id) ON DELETE CASCADE,
  owner text NOT NULL,
  cabin char(1) NOT NULL,
  seats text[] NOT NULL,
  seat_count integer NOT NULL CHECK (seat_count > 0),
  unit_price integer NOT NULL CHECK (unit_price >= 0),
  bucket text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('held', 'released', 'expired', 'confirmed')),
  booking_ref text,
  updated_seq bigint NOT NULL
);
CREATE INDEX inventory_holds_open_idx ON inventory_holds (flight_id) WHERE status = 'held';

CREATE TABLE inventory_sales (
  flight_id uuid NOT NULL REFERENCES flights (id) ON DELETE CASCADE,
  booking_ref text NOT NULL,
  hold_id text NOT NULL,
  owner text NOT NULL,
  cabin char(1) NOT NULL,
  seats text[] NOT NULL,
  seat_count integer NOT NULL CHECK (seat_count >= 0),
  unit_price integer NOT NULL CHECK (unit_price >= 0),
  updated_seq bigint NOT NULL,
  PRIMARY KEY (flight_id, booking_ref)
);
