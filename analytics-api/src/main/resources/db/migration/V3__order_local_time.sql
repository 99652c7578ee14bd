-- Orders get the store-local day, year, month, weekday and hour that visits already carry, so that a report over
-- order rows (the leaderboard with time filters) filters them with the same terms as the cubes. New orders are
-- written with them; V4 (Java: time zones need java.time) fills the rows that existed before.
ALTER TABLE orders ADD COLUMN day TEXT;
ALTER TABLE orders ADD COLUMN year INTEGER;
ALTER TABLE orders ADD COLUMN month INTEGER;
ALTER TABLE orders ADD COLUMN weekday INTEGER;
ALTER TABLE orders ADD COLUMN hour INTEGER;
