-- The outbox every publishing service shares (service-common's OutboxRelay): rows are marked sent when the broker
-- acknowledged them and purged later, instead of deleted at once; each row names its event type.
ALTER TABLE outbox ADD COLUMN event_type TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN sent_at INTEGER;
CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- processed_events are purged once their topic can no longer redeliver them: a numeric time to purge by.
ALTER TABLE processed_events ADD COLUMN processed_ms INTEGER;
UPDATE processed_events SET processed_ms = CAST((julianday(processed_at) - 2440587.5) * 86400000 AS INTEGER);
CREATE INDEX processed_events_time ON processed_events (processed_ms);
