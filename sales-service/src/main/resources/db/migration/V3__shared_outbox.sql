-- The outbox every publishing service shares (service-common's OutboxRelay): the same column names as
-- identity-service's, and sent rows purged after a while instead of kept forever.
ALTER TABLE outbox RENAME COLUMN id TO seq;
ALTER TABLE outbox RENAME COLUMN message_key TO msg_key;
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;
