-- The store's own staff: recognised like anyone, but left out of every report (analytics learns it from
-- CUSTOMER_UPDATED). The customers page filters on it.
ALTER TABLE customers ADD COLUMN staff INTEGER NOT NULL DEFAULT 0;
