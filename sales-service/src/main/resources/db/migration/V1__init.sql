-- Prices are decimal strings ("3.60"), read and written as BigDecimal: exact, unlike REAL.
CREATE TABLE menu_items (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL,
    price       TEXT NOT NULL,
    currency    TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    description TEXT,
    image_url   TEXT,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX menu_items_order ON menu_items (sort_order, name);

-- number is the short order number shown to staff and customers; id is the stable key on the topic.
CREATE TABLE orders (
    number            INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    store_id          TEXT NOT NULL,
    counter_id        TEXT NOT NULL,
    counter_camera_id TEXT,
    status            TEXT NOT NULL CHECK (status IN ('PLACED', 'CANCELLED')),
    total             TEXT NOT NULL,
    currency          TEXT NOT NULL,
    ordered_at        INTEGER NOT NULL,
    cancelled_at      INTEGER,
    idempotency_key   TEXT UNIQUE,
    request_hash      TEXT
);
CREATE INDEX orders_time ON orders (ordered_at);
CREATE INDEX orders_store_time ON orders (store_id, ordered_at);

CREATE TABLE order_items (
    order_id     TEXT NOT NULL REFERENCES orders (id),
    line         INTEGER NOT NULL,
    menu_item_id TEXT NOT NULL,
    name         TEXT NOT NULL,
    category     TEXT NOT NULL,
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    unit_price   TEXT NOT NULL,
    PRIMARY KEY (order_id, line)
);

-- Transactional outbox: written in the order's transaction, published and marked by OutboxRelay.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id     TEXT NOT NULL UNIQUE,
    event_type   TEXT NOT NULL,
    topic        TEXT NOT NULL,
    message_key  TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    sent_at      INTEGER
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;
