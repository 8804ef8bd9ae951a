-- Seat fees belong to a cabin configuration (issue 19 #4): their rules name rows of a layout
-- (exit rows, extra legroom, front rows), and since 0019 a layout is a configuration's, not a
-- type's. Each configuration starts with the fees its type had; a flight's own fees (NULL:
-- its configuration's) stay as they were.
ALTER TABLE aircraft_configurations ADD COLUMN seat_fees jsonb NOT NULL DEFAULT '{}';
UPDATE aircraft_configurations c SET seat_fees = t.seat_fees
FROM aircraft_types t WHERE t.code = c.type_code;
ALTER TABLE aircraft_types DROP COLUMN seat_fees;
