-- Contrail's system of record. Money is integer minor units (cents) with an ISO currency.
-- Local times are stored beside their UTC instants; the zone comes from the airport.

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  password_hash text,
  role text NOT NULL DEFAULT 'passenger'
    CHECK (role IN ('passenger', 'operator', 'admin')),
  home_airport char(3),
  disabled_at timestamptz,
  anonymized_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE airports (
  iata char(3) PRIMARY KEY CHECK (iata ~ '^[A-Z]{3}$'),
  icao char(4),
  name text NOT NULL,
  city text NOT NULL,
  country text NOT NULL,
  latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  tz text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX airports_city_idx ON airports (lower(city) text_pattern_ops);
CREATE INDEX airports_name_idx ON airports (lower(name) text_pattern_ops);

-- The seat layout is data: cabins, rows, letters, characteristics (see domain/seat_layout.ts).
CREATE TABLE aircraft_types (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{2,10}$'),
  name text NOT NULL,
  manufacturer text NOT NULL,
  layout jsonb NOT NULL,
  seat_count integer NOT NULL CHECK (seat_count > 0),
  cruise_kmh integer NOT NULL CHECK (cruise_kmh > 0),
  range_km integer NOT NULL CHECK (range_km > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE aircraft (
  registration text PRIMARY KEY CHECK (registration ~ '^[A-Z0-9-]{3,10}$'),
  type_code text NOT NULL REFERENCES aircraft_types (code),
  name text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE flights (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  carrier char(2) NOT NULL,
  flight_number text NOT NULL CHECK (flight_number ~ '^[0-9]{1,4}[A-Z]?$'),
  origin char(3) NOT NULL REFERENCES airports (iata),
  destination char(3) NOT NULL REFERENCES airports (iata),
  departure_local timestamp NOT NULL,
  arrival_local timestamp NOT NULL,
  departure_at timestamptz NOT NULL,
  arrival_at timestamptz NOT NULL,
  departure_date date GENERATED ALWAYS AS (departure_local::date) STORED,
  aircraft_type text NOT NULL REFERENCES aircraft_types (code),
  aircraft_registration text REFERENCES aircraft (registration),
  status text NOT NULL DEFAULT 'scheduled'
    CHECK (status IN ('scheduled', 'boarding', 'departed', 'arrived', 'delayed', 'cancelled')),
  status_reason text,
  estimated_departure_at timestamptz,
  estimated_arrival_at timestamptz,
  gate text,
  -- Base fare per cabin code in minor units, e.g. {"J": 89000, "Y": 15900}.
  base_fares jsonb NOT NULL,
  currency char(3) NOT NULL DEFAULT 'USD',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (origin <> destination),
  CHECK (arrival_at > departure_at),
  UNIQUE (carrier, flight_number, departure_date)
);
CREATE INDEX flights_route_idx ON flights (origin, destination, departure_at);
CREATE INDEX flights_departure_idx ON flights (departure_at);

CREATE TABLE bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  pnr char(6) NOT NULL UNIQUE CHECK (pnr ~ '^[A-HJ-NP-Z2-9]{6}$'),
  user_id uuid REFERENCES users (id),
  flight_id uuid NOT NULL REFERENCES flights (id),
  cabin char(1) NOT NULL CHECK (cabin IN ('F', 'J', 'W', 'Y')),
  status text NOT NULL DEFAULT 'held'
    CHECK (status IN ('held', 'confirmed', 'cancelled', 'expired', 'refunded')),
  hold_id text,
  seats text[] NOT NULL DEFAULT '{}',
  total_amount integer NOT NULL CHECK (total_amount >= 0),
  currency char(3) NOT NULL,
  contact_email text,
  expires_at timestamptz,
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bookings_user_idx ON bookings (user_id, created_at DESC);
CREATE INDEX bookings_flight_idx ON bookings (flight_id, status);

CREATE TABLE booking_passengers (
  booking_id uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position >= 0),
  first_name text NOT NULL,
  last_name text NOT NULL,
  date_of_birth date,
  email text,
  PRIMARY KEY (booking_id, position)
);

CREATE TABLE tickets (
  number char(13) PRIMARY KEY CHECK (number ~ '^[0-9]{13}$'),
  booking_id uuid NOT NULL REFERENCES bookings (id),
  passenger_position smallint NOT NULL,
  flight_id uuid NOT NULL REFERENCES flights (id),
  seat text,
  cabin char(1) NOT NULL,
  fare_amount integer NOT NULL CHECK (fare_amount >= 0),
  currency char(3) NOT NULL,
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'checked_in', 'boarded', 'flown', 'void', 'refunded')),
  checkin_sequence integer,
  checked_in_at timestamptz,
  issued_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (booking_id, passenger_position, flight_id)
);
CREATE SEQUENCE ticket_serial_seq START 1000000001;

CREATE TABLE payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  booking_id uuid NOT NULL REFERENCES bookings (id),
  idempotency_key text NOT NULL UNIQUE,
  kind text NOT NULL DEFAULT 'charge' CHECK (kind IN ('charge', 'refund')),
  amount integer NOT NULL CHECK (amount >= 0),
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'declined', 'refunded')),
  card_brand text,
  card_last4 char(4),
  decline_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- At most one successful charge per booking: the database itself refuses a double charge.
CREATE UNIQUE INDEX payments_one_charge_idx ON payments (booking_id)
  WHERE kind = 'charge' AND status = 'succeeded';

CREATE TABLE crew_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  employee_number text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('captain', 'first_officer', 'purser', 'flight_attendant')),
  home_base char(3) NOT NULL REFERENCES airports (iata),
  type_ratings text[] NOT NULL DEFAULT '{}',
  user_id uuid REFERENCES users (id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE crew_unavailability (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  crew_id uuid NOT NULL REFERENCES crew_members (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX crew_unavailability_idx ON crew_unavailability (crew_id, starts_at);

CREATE TABLE crew_assignments (
  flight_id uuid NOT NULL REFERENCES flights (id) ON DELETE CASCADE,
  crew_id uuid NOT NULL REFERENCES crew_members (id),
  role text NOT NULL CHECK (role IN ('captain', 'first_officer', 'purser', 'flight_attendant')),
  override_reason text,
  assigned_by uuid REFERENCES users (id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (flight_id, crew_id)
);
CREATE INDEX crew_assignments_crew_idx ON crew_assignments (crew_id);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  -- The producer's natural key, so an at-least-once delivery never notifies twice.
  dedupe_key text NOT NULL UNIQUE,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  actor_user_id uuid REFERENCES users (id),
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, created_at);

CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  total integer,
  processed integer NOT NULL DEFAULT 0,
  accepted integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  -- Rejected rows as [{line, reason}], capped by the job runner.
  errors jsonb NOT NULL DEFAULT '[]',
  input jsonb NOT NULL DEFAULT '{}',
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
