-- Watch list: a customer the owner wants to be told about when they arrive (like a VIP).
ALTER TABLE customers ADD COLUMN watched INTEGER NOT NULL DEFAULT 0;

-- Arrival alerts of VIP and watched customers, written in the transaction that starts the visit; the dispatcher
-- streams them to open console pages after the commit and delivers them to the webhook (at least once, by id).
CREATE TABLE alerts (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT    NOT NULL UNIQUE,
    customer_id     TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    delivered_at    INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT
);
CREATE INDEX alerts_due ON alerts (delivered_at, next_attempt_at);
CREATE INDEX alerts_customer ON alerts (customer_id);
