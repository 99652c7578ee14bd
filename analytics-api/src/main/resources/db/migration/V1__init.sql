CREATE TABLE processed_events (
    event_id     TEXT PRIMARY KEY,
    consumer     TEXT NOT NULL,
    processed_at TEXT NOT NULL
);

-- Read model: one row per customer (leaderboard), visit, sighting, order and order line. Times are epoch millis;
-- day/year/month/weekday/hour are local to storesight.analytics.time-zone.
CREATE TABLE customers (
    customer_id   TEXT PRIMARY KEY,
    tier          TEXT NOT NULL,
    vip           INTEGER NOT NULL DEFAULT 0,
    label         TEXT,
    age_band      TEXT NOT NULL,
    gender        TEXT NOT NULL,
    first_seen_ms INTEGER NOT NULL,
    last_visit_ms INTEGER NOT NULL,
    visits        INTEGER NOT NULL DEFAULT 0,
    orders        INTEGER NOT NULL DEFAULT 0,
    spend_cents   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customers_rank ON customers (visits DESC, spend_cents DESC, customer_id);

-- Ids of erased customers, so that their late or replayed events are not stored again.
CREATE TABLE erased_customers (
    customer_id TEXT PRIMARY KEY,
    erased_ms   INTEGER NOT NULL
);

CREATE TABLE visits (
    visit_id      TEXT PRIMARY KEY,
    customer_id   TEXT,
    store_id      TEXT NOT NULL,
    started_ms    INTEGER NOT NULL,
    ended_ms      INTEGER,
    dwell_ms      INTEGER,
    new_customer  INTEGER NOT NULL,
    visit_number  INTEGER NOT NULL,
    tier          TEXT NOT NULL,
    age_band      TEXT NOT NULL,
    gender        TEXT NOT NULL,
    day           TEXT NOT NULL,
    year          INTEGER NOT NULL,
    month         INTEGER NOT NULL,
    weekday       INTEGER NOT NULL,
    hour          INTEGER NOT NULL
);
CREATE INDEX visits_customer ON visits (customer_id);
-- Unique visitors: COUNT(DISTINCT customer_id) walks this index in customer order without a temporary table.
CREATE INDEX visits_unique ON visits (customer_id, day, store_id, age_band, gender, tier, hour, weekday);

CREATE TABLE sightings (
    sighting_key TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL,
    store_id     TEXT NOT NULL,
    camera_id    TEXT NOT NULL,
    started_ms   INTEGER NOT NULL,
    ended_ms     INTEGER,
    tier         TEXT NOT NULL,
    age_band     TEXT NOT NULL,
    gender       TEXT NOT NULL
);
CREATE INDEX sightings_camera_time ON sightings (camera_id, started_ms, ended_ms);
CREATE INDEX sightings_customer ON sightings (customer_id);

CREATE TABLE orders (
    order_id          TEXT PRIMARY KEY,
    order_number      INTEGER NOT NULL,
    store_id          TEXT NOT NULL,
    counter_id        TEXT NOT NULL,
    counter_camera_id TEXT,
    ordered_ms        INTEGER NOT NULL,
    total_cents       INTEGER NOT NULL,
    currency          TEXT NOT NULL,
    status            TEXT NOT NULL,
    customer_id       TEXT,
    sighting_key      TEXT,
    tier              TEXT NOT NULL,
    age_band          TEXT NOT NULL,
    gender            TEXT NOT NULL
);
CREATE INDEX orders_camera_time ON orders (counter_camera_id, ordered_ms);
CREATE INDEX orders_customer ON orders (customer_id);

CREATE TABLE order_items (
    order_id         TEXT NOT NULL,
    line             INTEGER NOT NULL,
    menu_item_id     TEXT NOT NULL,
    name             TEXT NOT NULL,
    category         TEXT NOT NULL,
    quantity         INTEGER NOT NULL,
    unit_price_cents INTEGER NOT NULL,
    PRIMARY KEY (order_id, line)
) WITHOUT ROWID;

-- Pre-aggregated tables, maintained on ingest (one per io.storesight.analytics.Cubes entry, same columns).
CREATE TABLE v_ds (
    day TEXT NOT NULL,
    store_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    visits INTEGER NOT NULL,
    new_visits INTEGER NOT NULL,
    dwell_ms INTEGER NOT NULL,
    dwell_count INTEGER NOT NULL,
    PRIMARY KEY (day, store_id)
) WITHOUT ROWID;

CREATE TABLE v_dhs (
    day TEXT NOT NULL,
    hour INTEGER NOT NULL,
    store_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    hour_bucket TEXT NOT NULL,
    visits INTEGER NOT NULL,
    new_visits INTEGER NOT NULL,
    dwell_ms INTEGER NOT NULL,
    dwell_count INTEGER NOT NULL,
    PRIMARY KEY (day, hour, store_id)
) WITHOUT ROWID;

CREATE TABLE v_msagtb (
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    store_id TEXT NOT NULL,
    age_band TEXT NOT NULL,
    gender TEXT NOT NULL,
    tier TEXT NOT NULL,
    hour_bucket TEXT NOT NULL,
    visits INTEGER NOT NULL,
    new_visits INTEGER NOT NULL,
    dwell_ms INTEGER NOT NULL,
    dwell_count INTEGER NOT NULL,
    PRIMARY KEY (year, month, store_id, age_band, gender, tier, hour_bucket)
) WITHOUT ROWID;

CREATE TABLE v_dsagt (
    day TEXT NOT NULL,
    store_id TEXT NOT NULL,
    age_band TEXT NOT NULL,
    gender TEXT NOT NULL,
    tier TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    visits INTEGER NOT NULL,
    new_visits INTEGER NOT NULL,
    dwell_ms INTEGER NOT NULL,
    dwell_count INTEGER NOT NULL,
    PRIMARY KEY (day, store_id, age_band, gender, tier)
) WITHOUT ROWID;

CREATE TABLE v_full (
    day TEXT NOT NULL,
    hour INTEGER NOT NULL,
    store_id TEXT NOT NULL,
    age_band TEXT NOT NULL,
    gender TEXT NOT NULL,
    tier TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    hour_bucket TEXT NOT NULL,
    visits INTEGER NOT NULL,
    new_visits INTEGER NOT NULL,
    dwell_ms INTEGER NOT NULL,
    dwell_count INTEGER NOT NULL,
    PRIMARY KEY (day, hour, store_id, age_band, gender, tier)
) WITHOUT ROWID;

CREATE TABLE o_ds (
    day TEXT NOT NULL,
    store_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    orders INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (day, store_id)
) WITHOUT ROWID;

CREATE TABLE o_dhs (
    day TEXT NOT NULL,
    hour INTEGER NOT NULL,
    store_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    hour_bucket TEXT NOT NULL,
    orders INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (day, hour, store_id)
) WITHOUT ROWID;

CREATE TABLE o_dsagt (
    day TEXT NOT NULL,
    store_id TEXT NOT NULL,
    age_band TEXT NOT NULL,
    gender TEXT NOT NULL,
    tier TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    orders INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (day, store_id, age_band, gender, tier)
) WITHOUT ROWID;

CREATE TABLE o_full (
    day TEXT NOT NULL,
    hour INTEGER NOT NULL,
    store_id TEXT NOT NULL,
    age_band TEXT NOT NULL,
    gender TEXT NOT NULL,
    tier TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    hour_bucket TEXT NOT NULL,
    orders INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (day, hour, store_id, age_band, gender, tier)
) WITHOUT ROWID;

CREATE TABLE i_dsi (
    day TEXT NOT NULL,
    store_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    item_name TEXT NOT NULL,
    category TEXT NOT NULL,
    orders INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (day, store_id, item_id)
) WITHOUT ROWID;

CREATE TABLE i_msagbi (
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    store_id TEXT NOT NULL,
    age_band TEXT NOT NULL,
    gender TEXT NOT NULL,
    hour_bucket TEXT NOT NULL,
    item_id TEXT NOT NULL,
    item_name TEXT NOT NULL,
    category TEXT NOT NULL,
    orders INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (year, month, store_id, age_band, gender, hour_bucket, item_id)
) WITHOUT ROWID;

CREATE TABLE i_dhsi (
    day TEXT NOT NULL,
    hour INTEGER NOT NULL,
    store_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    hour_bucket TEXT NOT NULL,
    item_name TEXT NOT NULL,
    category TEXT NOT NULL,
    orders INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (day, hour, store_id, item_id)
) WITHOUT ROWID;

CREATE TABLE i_full (
    day TEXT NOT NULL,
    hour INTEGER NOT NULL,
    store_id TEXT NOT NULL,
    age_band TEXT NOT NULL,
    gender TEXT NOT NULL,
    tier TEXT NOT NULL,
    item_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    hour_bucket TEXT NOT NULL,
    item_name TEXT NOT NULL,
    category TEXT NOT NULL,
    orders INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (day, hour, store_id, age_band, gender, tier, item_id)
) WITHOUT ROWID;

CREATE TABLE c_ds (
    day TEXT NOT NULL,
    store_id TEXT NOT NULL,
    category TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    orders INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (day, store_id, category)
) WITHOUT ROWID;

CREATE TABLE c_dsagt (
    day TEXT NOT NULL,
    store_id TEXT NOT NULL,
    age_band TEXT NOT NULL,
    gender TEXT NOT NULL,
    tier TEXT NOT NULL,
    category TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    orders INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (day, store_id, age_band, gender, tier, category)
) WITHOUT ROWID;

CREATE TABLE c_full (
    day TEXT NOT NULL,
    hour INTEGER NOT NULL,
    store_id TEXT NOT NULL,
    age_band TEXT NOT NULL,
    gender TEXT NOT NULL,
    tier TEXT NOT NULL,
    category TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    hour_bucket TEXT NOT NULL,
    orders INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    revenue_cents INTEGER NOT NULL,
    PRIMARY KEY (day, hour, store_id, age_band, gender, tier, category)
) WITHOUT ROWID;
