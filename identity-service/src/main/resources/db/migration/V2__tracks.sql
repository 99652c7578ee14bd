-- Face tracks: one person passing one camera, decided as a whole (see Tracker, TrackDecider). Written in the
-- transaction of each observation, so a restart resumes every open track exactly where the consumed offsets are.
CREATE TABLE tracks (
    id            TEXT PRIMARY KEY,
    camera_id     TEXT NOT NULL,
    camera_role   TEXT,
    store_id      TEXT NOT NULL,
    started_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    frames        INTEGER NOT NULL,
    box_x         REAL NOT NULL,
    box_y         REAL NOT NULL,
    box_w         REAL NOT NULL,
    box_h         REAL NOT NULL,
    image_width   INTEGER NOT NULL,
    image_height  INTEGER NOT NULL,
    age_sum       REAL NOT NULL,
    age_weight    REAL NOT NULL,
    male_weight   REAL NOT NULL,
    female_weight REAL NOT NULL,
    customer_id   TEXT REFERENCES customers (id) ON DELETE CASCADE,
    strong        INTEGER NOT NULL DEFAULT 0,
    near_known    INTEGER NOT NULL DEFAULT 0,
    -- customers any good face of the undecided track had among its nearest (comma-separated ids)
    candidates    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tracks_camera ON tracks (camera_id);
CREATE INDEX tracks_customer ON tracks (customer_id);

-- A track's recent good faces (its evidence): descriptors of people not identified yet, kept only while the track
-- is open.
CREATE TABLE track_faces (
    track_id          TEXT NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    frame_id          TEXT NOT NULL,
    time              INTEGER NOT NULL,
    descriptor        BLOB NOT NULL,
    quality           REAL NOT NULL,
    age               REAL NOT NULL,
    gender            TEXT,
    gender_confidence REAL NOT NULL,
    box_x             REAL NOT NULL,
    box_y             REAL NOT NULL,
    box_w             REAL NOT NULL,
    box_h             REAL NOT NULL,
    image_width       INTEGER NOT NULL,
    image_height      INTEGER NOT NULL,
    PRIMARY KEY (track_id, frame_id)
);

-- Which sighting a template's face came from, so that splitting sightings off a customer takes their templates.
ALTER TABLE templates ADD COLUMN sighting_id TEXT;
CREATE INDEX templates_sighting ON templates (sighting_id);

-- Each sighting's demographic evidence (sums, as on customers), so that a split moves exactly its share.
ALTER TABLE sightings ADD COLUMN age_sum REAL NOT NULL DEFAULT 0;
ALTER TABLE sightings ADD COLUMN age_weight REAL NOT NULL DEFAULT 0;
ALTER TABLE sightings ADD COLUMN male_weight REAL NOT NULL DEFAULT 0;
ALTER TABLE sightings ADD COLUMN female_weight REAL NOT NULL DEFAULT 0;
