-- Auto-assign proposals computed in the background, one per local departure date, so the
-- crew plan page reads a stored plan instead of running the planner in the request.

-- A change counter for what a plan is computed from: crew, their leave, assignments and
-- positioning, and the flights' times, status, routes and aircraft. Statement triggers bump
-- a sequence (no row lock: writers never wait on each other here); a plan records the value
-- it read before reading its inputs, so any later change makes it stale.
CREATE SEQUENCE crew_plan_changes;

CREATE FUNCTION crew_plan_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('crew_plan_changes');
  RETURN NULL;
END $$;

CREATE TRIGGER crew_plan_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON crew_members
  FOR EACH STATEMENT EXECUTE FUNCTION crew_plan_changed();
CREATE TRIGGER crew_plan_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON crew_unavailability FOR EACH STATEMENT EXECUTE FUNCTION crew_plan_changed();
CREATE TRIGGER crew_plan_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON crew_assignments FOR EACH STATEMENT EXECUTE FUNCTION crew_plan_changed();
CREATE TRIGGER crew_plan_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON crew_positioning FOR EACH STATEMENT EXECUTE FUNCTION crew_plan_changed();
CREATE TRIGGER crew_plan_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON aircraft_configurations FOR EACH STATEMENT EXECUTE FUNCTION crew_plan_changed();
-- Not every update of a flight: check-in counters, fares and gates do not change a plan.
CREATE TRIGGER crew_plan_changed AFTER INSERT OR DELETE OR TRUNCATE
  OR UPDATE OF status, origin, destination, departure_local, departure_at, arrival_at,
    estimated_departure_at, estimated_arrival_at, aircraft_type, aircraft_config
  ON flights FOR EACH STATEMENT EXECUTE FUNCTION crew_plan_changed();

CREATE TABLE crew_plans (
  plan_date date PRIMARY KEY,
  -- crew_plan_changes as read before the inputs (NULL: never computed).
  basis bigint,
  computed_at timestamptz,
  took_ms integer,
  -- { flights: [...], positioning: [...] } as the planner proposed them.
  plan jsonb,
  -- Someone asked for this date and it was missing or stale then.
  requested_at timestamptz,
  -- A planner is computing it until then (a lapsed claim is taken over).
  claimed_until timestamptz,
  -- The last computation failed then (retried after a pause, never in a tight loop).
  failed_at timestamptz,
  failure text
);
