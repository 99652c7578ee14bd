-- The store's own staff (CUSTOMER_UPDATED with staff true), left out of every report for as long as they are staff.
-- Their visit, sighting and counter rows stay, so that unmarking restores them: the visit cubes leave their visits
-- out, attribution never picks their sightings, unique visitors and the leaderboards skip them.
CREATE TABLE staff_customers (
    customer_id TEXT PRIMARY KEY,
    since_ms    INTEGER NOT NULL
);
