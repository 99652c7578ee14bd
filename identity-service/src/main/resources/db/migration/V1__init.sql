-- Times are epoch milliseconds (INTEGER) so that range filters and ordering are numeric.
CREATE TABLE processed_events (event_id TEXT PRIMARY KEY, consumer TEXT NOT NULL, processed_at TEXT NOT NULL);

CREATE TABLE customers (
    id                TEXT PRIMARY KEY,
    visit_count       INTEGER NOT NULL DEFAULT 0,
    first_seen        INTEGER NOT NULL,
    last_seen         INTEGER NOT NULL,
    last_location     TEXT,
    age               REAL,
    age_band          TEXT,
    age_weight        REAL NOT NULL DEFAULT 0,
    gender            TEXT,
    gender_confidence REAL,
    male_weight       REAL NOT NULL DEFAULT 0,
    female_weight     REAL NOT NULL DEFAULT 0,
    tier              TEXT NOT NULL,
    label             TEXT,
    vip               INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL
);
CREATE INDEX customers_last_seen ON customers (last_seen);

CREATE TABLE templates (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    descriptor  BLOB NOT NULL,
    quality     REAL NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX templates_customer ON templates (customer_id);

CREATE TABLE visits (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    store_id     TEXT NOT NULL,
    visit_number INTEGER NOT NULL,
    started_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ended_at     INTEGER
);
CREATE INDEX visits_open ON visits (store_id, ended_at);
CREATE INDEX visits_customer ON visits (customer_id);

CREATE TABLE sightings (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    visit_id     TEXT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    camera_id    TEXT NOT NULL,
    camera_role  TEXT,
    store_id     TEXT NOT NULL,
    started_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ended_at     INTEGER,
    frames       INTEGER NOT NULL,
    box_x        REAL,
    box_y        REAL,
    box_w        REAL,
    box_h        REAL,
    image_width  INTEGER,
    image_height INTEGER
);
CREATE INDEX sightings_open ON sightings (camera_id, ended_at);
CREATE INDEX sightings_customer ON sightings (customer_id);
CREATE INDEX sightings_visit ON sightings (visit_id);

CREATE TABLE customer_logs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    timestamp   INTEGER NOT NULL,
    event       TEXT NOT NULL,
    camera_id   TEXT,
    store_id    TEXT
);
CREATE INDEX customer_logs_customer ON customer_logs (customer_id, timestamp);

-- Descriptor kept only to suppress matching (design.md, privacy).
CREATE TABLE opt_outs (
    id         TEXT PRIMARY KEY,
    descriptor BLOB NOT NULL,
    note       TEXT,
    created_at INTEGER NOT NULL
);

-- Frame-capture clock per camera: presence ends by capture time, not by arrival time.
CREATE TABLE camera_clocks (
    camera_id    TEXT PRIMARY KEY,
    store_id     TEXT NOT NULL,
    camera_role  TEXT,
    capture_time INTEGER NOT NULL,
    received_at  INTEGER NOT NULL
);

-- Transactional outbox: events are written with the state change and relayed to Kafka afterwards.
CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id   TEXT NOT NULL UNIQUE,
    topic      TEXT NOT NULL,
    msg_key    TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
