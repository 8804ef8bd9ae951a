-- A per-row sequence for notifications: the SSE stream's event id, so a reconnecting client
-- resumes with Last-Event-ID from exactly where it stopped.
ALTER TABLE notifications ADD COLUMN seq bigserial;
CREATE UNIQUE INDEX notifications_user_seq_idx ON notifications (user_id, seq);
