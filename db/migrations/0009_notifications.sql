-- Notification channels beyond in-app: per-kind preferences, Web Push subscriptions, and the
-- email outbox with its dev mailbox.

-- Only the choices a user changed are stored; a missing row means the kind's defaults.
CREATE TABLE notification_preferences (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  email boolean NOT NULL,
  push boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, kind)
);

CREATE TABLE push_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- A browser's endpoint is unique to that browser profile: re-subscribing moves it.
  endpoint text NOT NULL UNIQUE,
  p256dh text NOT NULL,
  auth text NOT NULL,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sent_at timestamptz
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);

-- At-least-once email: producers insert once per dedupe key, the sender claims due rows with
-- FOR UPDATE SKIP LOCKED, sends with the key as the provider's idempotency key, marks sent.
CREATE TABLE email_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dedupe_key text NOT NULL UNIQUE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  -- Alerts about a booking are skipped at send time when the booking left these states.
  booking_id uuid REFERENCES bookings (id) ON DELETE SET NULL,
  requires_status text[],
  recipient text NOT NULL,
  template text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  -- [{filename, contentType, content (base64)}]
  attachments jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- A claimed row whose lease ran out (the sender died) is claimed again.
  locked_until timestamptz,
  last_error text,
  provider text,
  provider_id text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at)
  WHERE status IN ('pending', 'sending');
CREATE INDEX email_outbox_user_idx ON email_outbox (user_id, created_at);

-- Where email goes without RESEND_API_KEY: stored whole for operators to read.
CREATE TABLE dev_mailbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The outbox key again, so a retried send never stores a second copy.
  dedupe_key text NOT NULL UNIQUE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  sender text NOT NULL,
  recipient text NOT NULL,
  subject text NOT NULL,
  html text NOT NULL,
  text_body text NOT NULL,
  attachments jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dev_mailbox_created_idx ON dev_mailbox (created_at DESC);

-- The once-a-minute sweep looks for held bookings about to expire.
CREATE INDEX bookings_held_expiry_idx ON bookings (expires_at) WHERE status = 'held';
