-- Whether a segment's seats were named by the passenger (on the seat map, or changed at
-- checkout) or assigned by the flight's actor: only the second is "seated your party together".
ALTER TABLE booking_segments ADD COLUMN seats_chosen boolean NOT NULL DEFAULT false;
