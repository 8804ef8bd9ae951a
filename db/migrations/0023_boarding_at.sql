-- When boarding started: operators record it like departure and arrival (an actual time,
-- default now). On the flight while it is current, and on each status change in the history.
ALTER TABLE flights ADD COLUMN boarding_at timestamptz;
ALTER TABLE flight_status_events ADD COLUMN boarding_at timestamptz;
