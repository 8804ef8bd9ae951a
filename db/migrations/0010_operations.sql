-- Operations: per-flight commercial controls, recurring series, CSV import staging, messages to
-- a flight's passengers, and the outcome of involuntary reaccommodation per booking.

-- Set only through the flight's actor (ConfigureFlight) and written here by the projector, so an
-- actor that rebuilds from Postgres starts from the same controls.
ALTER TABLE flights
  -- Seats each cabin may sell beyond (positive) or short of (negative) its physical seats.
  ADD COLUMN overbooking jsonb NOT NULL DEFAULT '{}',
  -- How long a new hold lasts on this flight; NULL means the configured default.
  ADD COLUMN hold_ttl_seconds integer CHECK (hold_ttl_seconds BETWEEN 60 AND 3600),
  -- Flights created together by one recurring schedule.
  ADD COLUMN series_id uuid;
CREATE INDEX flights_series_idx ON flights (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX flights_number_idx ON flights (flight_number, departure_date);

-- A background job is claimed under a lease, so a job whose runner died is picked up again.
ALTER TABLE jobs
  ADD COLUMN locked_until timestamptz,
  ADD COLUMN failure text;
CREATE INDEX jobs_due_idx ON jobs (created_at) WHERE status IN ('queued', 'running');

-- An uploaded CSV, one row per record, stored whole before any row is imported: a broken
-- upload fails its job with nothing imported, and a restarted runner resumes where it stopped.
CREATE TABLE job_rows (
  job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  line integer NOT NULL,
  fields text[],
  -- A record the CSV reader could not parse; the row is rejected with this reason.
  parse_error text,
  PRIMARY KEY (job_id, line)
);

-- Every rejected row of a job with its line number and reason (no cap: a 100,000-row file
-- may reject them all, and the report must list each).
CREATE TABLE job_rejections (
  job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  line integer NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (job_id, line)
);

CREATE TABLE flight_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  flight_id uuid NOT NULL REFERENCES flights (id) ON DELETE CASCADE,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  audience text NOT NULL CHECK (audience IN ('passengers', 'crew', 'all')),
  title text NOT NULL,
  body text NOT NULL,
  passengers integer NOT NULL DEFAULT 0,
  crew integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX flight_messages_flight_idx ON flight_messages (flight_id, created_at DESC);

-- One row per booking moved off a cancelled flight: where it went, or that a refund is offered.
CREATE TABLE reaccommodations (
  booking_id uuid PRIMARY KEY REFERENCES bookings (id),
  from_flight_id uuid NOT NULL REFERENCES flights (id),
  status text NOT NULL CHECK (status IN ('rebooked', 'refund_offered', 'refunded')),
  -- The new flights in travel order (two for a connection), empty when a refund is offered.
  flight_ids uuid[] NOT NULL DEFAULT '{}',
  cabin char(1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reaccommodations_flight_idx ON reaccommodations (from_flight_id);

-- Reports and passenger lists read a flight's tickets (the primary key leads with the number).
CREATE INDEX tickets_flight_idx ON tickets (flight_id, status);

-- "Is this aircraft type or airframe still flying?" before a layout or type edit.
CREATE INDEX flights_aircraft_type_arrival_idx ON flights (aircraft_type, arrival_at);
CREATE INDEX flights_registration_arrival_idx ON flights (aircraft_registration, arrival_at)
  WHERE aircraft_registration IS NOT NULL;
