-- How many people were inside each store, one sample per store and minute (identity's OCCUPANCY events): the last
-- count of the minute and its peak. Pruned after storesight.analytics.occupancy-retention.
CREATE TABLE occupancy_samples (
    store_id TEXT NOT NULL,
    minute_ms INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    inside INTEGER NOT NULL,
    customers INTEGER NOT NULL,
    visitors INTEGER NOT NULL,
    peak INTEGER NOT NULL,
    PRIMARY KEY (store_id, minute_ms)
);
