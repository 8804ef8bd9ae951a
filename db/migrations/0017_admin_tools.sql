-- Admin tools (issue 19): the user page lists what a user did, the user list pages by keyset,
-- a CSV import can be undone, and its rejected rows downloaded as they were sent.

-- Audit entries by who made them (the user page's "by this user" trail).
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, created_at DESC, id DESC)
  WHERE actor_user_id IS NOT NULL;

-- The user list pages newest first by (created_at, id): a keyset, not an offset.
CREATE INDEX users_created_idx ON users (created_at DESC, id DESC);

-- The import job that created a flight, so undoing the import finds exactly its flights.
ALTER TABLE flights ADD COLUMN import_job_id uuid REFERENCES jobs (id) ON DELETE SET NULL;
CREATE INDEX flights_import_job_idx ON flights (import_job_id, id) WHERE import_job_id IS NOT NULL;

-- A rejected row's fields as read (NULL when the CSV reader could not read the record).
ALTER TABLE job_rejections ADD COLUMN fields text[];

-- The rejected-rows download reads a job's rejections grouped by reason, a page at a time.
CREATE INDEX job_rejections_reason_idx ON job_rejections (job_id, reason, line);
