-- Cabin configurations apart from aircraft types (issue 19 #4). Type ratings belong to the
-- type; a seat layout belongs to one configuration of the type, and a flight or an airframe
-- uses a configuration. Before this, a new layout meant a new type, so after an aircraft change
-- nobody was rated on the flight's aircraft.
CREATE TABLE aircraft_configurations (
  type_code text NOT NULL REFERENCES aircraft_types (code),
  code text NOT NULL CHECK (code ~ '^[A-Z0-9-]{1,10}$'),
  name text NOT NULL,
  layout jsonb NOT NULL,
  seat_count integer NOT NULL CHECK (seat_count > 0),
  -- What a type named alone (a form, a CSV row, the demo data) means.
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (type_code, code)
);
CREATE UNIQUE INDEX aircraft_configurations_default_idx ON aircraft_configurations (type_code)
  WHERE is_default;

-- Each type's layout becomes its default configuration, STD.
INSERT INTO aircraft_configurations
  (type_code, code, name, layout, seat_count, is_default, created_at, updated_at)
SELECT code, 'STD', 'Standard', layout, seat_count, true, created_at, updated_at
FROM aircraft_types;

ALTER TABLE aircraft ADD COLUMN config_code text;
UPDATE aircraft SET config_code = 'STD';
ALTER TABLE aircraft ALTER COLUMN config_code SET NOT NULL;
ALTER TABLE aircraft ADD CONSTRAINT aircraft_configuration_fkey
  FOREIGN KEY (type_code, config_code) REFERENCES aircraft_configurations (type_code, code);

ALTER TABLE flights ADD COLUMN aircraft_config text;
UPDATE flights SET aircraft_config = 'STD';
ALTER TABLE flights ALTER COLUMN aircraft_config SET NOT NULL;
ALTER TABLE flights ADD CONSTRAINT flights_configuration_fkey
  FOREIGN KEY (aircraft_type, aircraft_config)
  REFERENCES aircraft_configurations (type_code, code);
-- "Is this configuration still flying?" before its layout changes.
CREATE INDEX flights_configuration_arrival_idx
  ON flights (aircraft_type, aircraft_config, arrival_at);

ALTER TABLE aircraft_types DROP COLUMN layout, DROP COLUMN seat_count;
