-- The leaderboard with time filters counts visits (and the last one), placed orders and spend per customer over the
-- fact rows of a window, reading covering indexes only (measured at 1M visits + 1M orders, see the README):
--  * a short date range reads the day-ordered indexes: only the window's entries, grouped in a temporary b-tree;
--  * any other window reads the customer-ordered indexes end to end: every entry, but grouped without sorting,
--    which beats sorting once the window holds more than about a fifth of the rows.
-- With a tier, age band or gender filter only the matching customers' entries are read. Weekday, hour and a month
-- without a year are checked inside either index.
-- Visits: the two unique-visitor indexes gain what the leaderboard reads (started_ms; year and month for
-- visits_by_day), so visits get no new index; visits_customer is a prefix of visits_unique and goes.
DROP INDEX visits_by_day;
CREATE INDEX visits_by_day ON visits (day, customer_id, store_id, age_band, gender, tier, hour, weekday, year, month,
    started_ms);
DROP INDEX visits_unique;
CREATE INDEX visits_unique ON visits (customer_id, day, store_id, age_band, gender, tier, hour, weekday, year, month,
    started_ms);
DROP INDEX visits_customer;
-- Orders: the same two kinds; orders_customer is a prefix of orders_by_customer and goes.
CREATE INDEX orders_by_day ON orders (day, customer_id, status, total_cents, hour, weekday, year, month);
CREATE INDEX orders_by_customer ON orders (customer_id, day, status, total_cents, hour, weekday, year, month);
DROP INDEX orders_customer;
