-- Notices (in-app, email, push) are produced after the change they announce has committed:
-- a use case or the projector writes one row here, in the same statement or transaction as
-- the change when it can, and the notice worker turns rows into notifications in bounded
-- batches. A row is deleted once its notice went out; the dedupe key makes every producer
-- at-most-once per notice.
CREATE TABLE notice_outbox (
  id bigserial PRIMARY KEY,
  dedupe_key text NOT NULL UNIQUE,
  topic text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  available_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notice_outbox_due_idx ON notice_outbox (available_at, id);

-- The projector ends held bookings by their hold (expired or released holds): without this
-- index every such event scanned the bookings table.
CREATE INDEX bookings_hold_idx ON bookings (hold_id) WHERE status = 'held';
