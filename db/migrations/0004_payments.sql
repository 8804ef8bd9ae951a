-- Payments: the gateway's card token is kept only encrypted (AES-GCM), never the card number.
ALTER TABLE payments
  ADD COLUMN card_token text,
  ADD COLUMN gateway_ref text,
  ADD COLUMN refund_of uuid REFERENCES payments (id),
  -- The answer given for this idempotency key, replayed verbatim on a retry.
  ADD COLUMN response jsonb;

ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
  CHECK (status IN ('pending', 'succeeded', 'declined', 'failed', 'refunded'));

-- At most one charge in progress or succeeded per booking: two payment attempts with
-- different keys can never both reach the gateway.
DROP INDEX payments_one_charge_idx;
CREATE UNIQUE INDEX payments_one_active_charge_idx ON payments (booking_id)
  WHERE kind = 'charge' AND status IN ('pending', 'succeeded');

-- Check-in sequence numbers are handed out per flight.
ALTER TABLE flights ADD COLUMN checkin_counter integer NOT NULL DEFAULT 0;
