-- processed_events are purged once their topic can no longer redeliver them: a numeric time to purge by.
ALTER TABLE processed_events ADD COLUMN processed_ms INTEGER;
UPDATE processed_events SET processed_ms = CAST((julianday(processed_at) - 2440587.5) * 86400000 AS INTEGER);
CREATE INDEX processed_events_time ON processed_events (processed_ms);
