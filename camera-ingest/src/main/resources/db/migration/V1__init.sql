-- Cameras added over the API, and those from the config and the demo as last applied at start.
CREATE TABLE cameras (
    id                 TEXT PRIMARY KEY,
    name               TEXT    NOT NULL,
    store_id           TEXT    NOT NULL,
    role               TEXT    NOT NULL,
    source             TEXT    NOT NULL,
    fps                REAL    NOT NULL,
    max_long_side      INTEGER NOT NULL,
    jpeg_quality       INTEGER NOT NULL,
    motion_gating      INTEGER NOT NULL,
    motion_sensitivity REAL    NOT NULL,
    loop               INTEGER NOT NULL,
    source_fps         REAL,
    paused             INTEGER NOT NULL DEFAULT 0,
    origin             TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);
