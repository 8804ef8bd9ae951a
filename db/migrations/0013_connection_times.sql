-- Journeys (issue 16): each airport may set its own minimum connection time, the least
-- time between landing and a connecting departure that is sold as one journey. NULL is the
-- default (60 minutes, domain/journey.ts).
ALTER TABLE airports ADD COLUMN min_connection_minutes smallint
  CHECK (min_connection_minutes BETWEEN 15 AND 240);
