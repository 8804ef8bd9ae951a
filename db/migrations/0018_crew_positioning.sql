-- Crew positioning (deadhead): a member rides a flight as a passenger to be where their
-- pairing needs them. The seat is a real one, held and confirmed at no fare through the
-- flight's actor under booking_ref; the position rule reads these legs like worked ones.
CREATE TABLE crew_positioning (
  flight_id uuid NOT NULL REFERENCES flights (id) ON DELETE CASCADE,
  crew_id uuid NOT NULL REFERENCES crew_members (id),
  booking_ref text NOT NULL,
  seat text NOT NULL,
  assigned_by uuid REFERENCES users (id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (flight_id, crew_id)
);
CREATE INDEX crew_positioning_crew_idx ON crew_positioning (crew_id);
