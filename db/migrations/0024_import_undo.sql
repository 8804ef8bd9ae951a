-- Issue 19 #10: undoing a CSV import is a background job, and a rejected row keeps the text it
-- was sent as.

-- A job that walks rows it did not stage (an undo walks its import's flights) keeps its place
-- here: the last flight done and the batch in hand, so a runner killed mid-batch resumes it.
ALTER TABLE jobs
  ADD COLUMN progress jsonb,
  -- The import an undo job undoes.
  ADD COLUMN undoes uuid REFERENCES jobs (id) ON DELETE CASCADE;
-- One undo per import: a second request finds the first one's job.
CREATE UNIQUE INDEX jobs_undoes_idx ON jobs (undoes) WHERE undoes IS NOT NULL;

-- A record's text as sent (its first 2 KiB, flagged when cut): kept for a record the CSV reader
-- could not read, so the rejected-rows download can hand it back to be fixed.
ALTER TABLE job_rows
  ADD COLUMN raw text,
  ADD COLUMN raw_truncated boolean NOT NULL DEFAULT false;
ALTER TABLE job_rejections
  ADD COLUMN raw text,
  ADD COLUMN raw_truncated boolean NOT NULL DEFAULT false;
