-- The history of every published flight status change. `version` is the flights row's version
-- after the change, which is also the status stream's event id for that change.
CREATE TABLE flight_status_events (
  flight_id uuid NOT NULL REFERENCES flights (id),
  version integer NOT NULL,
  kind text NOT NULL
    CHECK (kind IN ('delayed', 'gate_changed', 'boarding', 'departed', 'arrived', 'cancelled')),
  status text NOT NULL,
  previous_status text NOT NULL,
  reason text,
  estimated_departure_at timestamptz,
  estimated_arrival_at timestamptz,
  gate text,
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (flight_id, version)
);
