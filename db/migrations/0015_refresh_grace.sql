-- Two tabs refreshing at once: for a few seconds after a refresh token is rotated, presenting
-- it again returns the same successor instead of counting as reuse. The successor is kept
-- encrypted (AES-GCM under a key derived from the server's secret), never in plain text.
ALTER TABLE refresh_tokens ADD COLUMN successor_sealed text;
