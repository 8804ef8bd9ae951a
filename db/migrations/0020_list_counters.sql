-- Lists at schedule scale (hundreds of thousands of flights): counters kept by the database in
-- the transaction that changes what they count, and indexes matching each list's order, so a
-- page reads its own rows instead of summing sales or coupons over every flight in range.

-- Seats sold (the projected inventory_sales) and the load factor they make, per flight. A
-- table of its own, not columns of flights: the projector keeps it in the transaction that
-- changes sales, and must not lock the flight's row there (a rebooking's foreign-key checks
-- on that row would then wait on the projector, and it on them: a deadlock).
CREATE TABLE flight_loads (
  flight_id uuid PRIMARY KEY REFERENCES flights (id) ON DELETE CASCADE,
  seats_sold integer NOT NULL DEFAULT 0,
  load_factor real NOT NULL DEFAULT 0
);

INSERT INTO flight_loads (flight_id, seats_sold, load_factor)
SELECT f.id, coalesce(s.sold, 0), coalesce(s.sold, 0)::real / t.seat_count
FROM flights f
JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
LEFT JOIN (SELECT flight_id, sum(seat_count)::int AS sold FROM inventory_sales
           GROUP BY flight_id) s ON s.flight_id = f.id;

-- Every new flight gets its row (statement triggers: a schedule import is one insert).
CREATE FUNCTION flight_loads_create() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO flight_loads (flight_id) SELECT id FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER flights_loads_created AFTER INSERT ON flights
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION flight_loads_create();

-- Statement triggers over transition tables: a projector batch or a bulk load is one update
-- per flight touched, not one per sales row.
CREATE FUNCTION flight_loads_count_sales() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE flight_loads l SET seats_sold = l.seats_sold + d.n
    FROM (SELECT flight_id, sum(seat_count)::int AS n FROM new_rows GROUP BY flight_id) d
    WHERE l.flight_id = d.flight_id AND d.n <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE flight_loads l SET seats_sold = l.seats_sold - d.n
    FROM (SELECT flight_id, sum(seat_count)::int AS n FROM old_rows GROUP BY flight_id) d
    WHERE l.flight_id = d.flight_id AND d.n <> 0;
  ELSE
    UPDATE flight_loads l SET seats_sold = l.seats_sold + d.n
    FROM (SELECT flight_id, sum(n)::int AS n FROM (
            SELECT flight_id, seat_count AS n FROM new_rows
            UNION ALL SELECT flight_id, -seat_count FROM old_rows) x
          GROUP BY flight_id) d
    WHERE l.flight_id = d.flight_id AND d.n <> 0;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER inventory_sales_counted_insert AFTER INSERT ON inventory_sales
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION flight_loads_count_sales();
CREATE TRIGGER inventory_sales_counted_update AFTER UPDATE ON inventory_sales
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION flight_loads_count_sales();
CREATE TRIGGER inventory_sales_counted_delete AFTER DELETE ON inventory_sales
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION flight_loads_count_sales();

-- The load factor follows the seats sold and the aircraft (a swap to another type or cabin
-- configuration, or a configuration's seat count edited).
CREATE FUNCTION flight_loads_factor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.load_factor := coalesce(NEW.seats_sold::real / (SELECT t.seat_count
    FROM flights f
    JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
    WHERE f.id = NEW.flight_id), 0);
  RETURN NEW;
END $$;
CREATE TRIGGER flight_loads_factor BEFORE UPDATE OF seats_sold ON flight_loads
  FOR EACH ROW EXECUTE FUNCTION flight_loads_factor();

CREATE FUNCTION flight_loads_refactor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE flight_loads SET load_factor = seats_sold::real /
    (SELECT seat_count FROM aircraft_configurations
     WHERE type_code = NEW.aircraft_type AND code = NEW.aircraft_config)
  WHERE flight_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER flights_type_changed AFTER UPDATE OF aircraft_type, aircraft_config ON flights
  FOR EACH ROW WHEN (OLD.aircraft_type IS DISTINCT FROM NEW.aircraft_type
    OR OLD.aircraft_config IS DISTINCT FROM NEW.aircraft_config)
  EXECUTE FUNCTION flight_loads_refactor();

CREATE FUNCTION aircraft_configurations_load_factor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE flight_loads l SET load_factor = l.seats_sold::real / NEW.seat_count
  FROM flights f
  WHERE f.id = l.flight_id AND f.aircraft_type = NEW.type_code AND f.aircraft_config = NEW.code;
  RETURN NULL;
END $$;
CREATE TRIGGER aircraft_configurations_load_factor AFTER UPDATE OF seat_count
  ON aircraft_configurations
  FOR EACH ROW WHEN (OLD.seat_count IS DISTINCT FROM NEW.seat_count)
  EXECUTE FUNCTION aircraft_configurations_load_factor();

-- Seats sold and revenue per flight and ticket currency, from coupons that can still fly
-- (what the reports summed from every coupon and ticket of the range before).
CREATE TABLE flight_sales (
  flight_id uuid NOT NULL REFERENCES flights (id) ON DELETE CASCADE,
  currency char(3) NOT NULL,
  seats integer NOT NULL DEFAULT 0,
  amount bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (flight_id, currency)
);

INSERT INTO flight_sales (flight_id, currency, seats, amount)
SELECT c.flight_id, t.currency, count(*), sum(c.fare_amount)
FROM ticket_coupons c JOIN tickets t ON t.number = c.ticket_number
WHERE c.status IN ('open', 'checked_in', 'boarded', 'flown')
GROUP BY c.flight_id, t.currency;

CREATE FUNCTION flight_sales_add(delta jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO flight_sales AS s (flight_id, currency, seats, amount)
  SELECT d.flight_id, d.currency, d.seats, d.amount
  FROM jsonb_to_recordset(delta) AS d(flight_id uuid, currency char(3), seats int, amount bigint)
  WHERE d.seats <> 0 OR d.amount <> 0
  ON CONFLICT (flight_id, currency) DO UPDATE
  SET seats = s.seats + excluded.seats, amount = s.amount + excluded.amount
$$;

CREATE FUNCTION flight_sales_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(x) INTO delta FROM (
      SELECT c.flight_id, t.currency, count(*) AS seats, sum(c.fare_amount) AS amount
      FROM new_rows c JOIN tickets t ON t.number = c.ticket_number
      WHERE c.status IN ('open', 'checked_in', 'boarded', 'flown')
      GROUP BY c.flight_id, t.currency) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(x) INTO delta FROM (
      SELECT c.flight_id, t.currency, -count(*) AS seats, -sum(c.fare_amount) AS amount
      FROM old_rows c JOIN tickets t ON t.number = c.ticket_number
      WHERE c.status IN ('open', 'checked_in', 'boarded', 'flown')
      GROUP BY c.flight_id, t.currency) x;
  ELSE
    SELECT jsonb_agg(x) INTO delta FROM (
      SELECT c.flight_id, t.currency, sum(c.sign) AS seats, sum(c.sign * c.fare_amount) AS amount
      FROM (SELECT flight_id, ticket_number, fare_amount, status, 1 AS sign FROM new_rows
            UNION ALL
            SELECT flight_id, ticket_number, fare_amount, status, -1 FROM old_rows) c
      JOIN tickets t ON t.number = c.ticket_number
      WHERE c.status IN ('open', 'checked_in', 'boarded', 'flown')
      GROUP BY c.flight_id, t.currency) x;
  END IF;
  IF delta IS NOT NULL THEN PERFORM flight_sales_add(delta); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER ticket_coupons_counted_insert AFTER INSERT ON ticket_coupons
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION flight_sales_count();
CREATE TRIGGER ticket_coupons_counted_update AFTER UPDATE ON ticket_coupons
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION flight_sales_count();
CREATE TRIGGER ticket_coupons_counted_delete AFTER DELETE ON ticket_coupons
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION flight_sales_count();

-- Each list's order, with the id last so keyset pages resume exactly where the last ended.
CREATE INDEX flights_departure_keyset_idx ON flights (departure_at, flight_number, id);
CREATE INDEX flight_loads_factor_idx ON flight_loads (load_factor, flight_id);
CREATE INDEX flights_number_keyset_idx ON flights (flight_number, departure_at, id);
-- A day's flights (ops board, crew board and plan) and the count of a range.
CREATE INDEX flights_date_idx ON flights (departure_date, departure_at);
