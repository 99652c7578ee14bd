-- Footfall counts everyone who passes: identity-service now reports the passes of people it could not identify
-- (ANONYMOUS_VISIT), stored as visits without a customer. The visit cubes count them apart, so that the new and
-- returning shares are of customers' visits. Visits kept from erased customers were already anonymous footfall:
-- they are counted as such here and stop counting as a new customer's visit.
ALTER TABLE v_ds ADD COLUMN anonymous_visits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE v_dhs ADD COLUMN anonymous_visits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE v_msagtb ADD COLUMN anonymous_visits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE v_dsagt ADD COLUMN anonymous_visits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE v_full ADD COLUMN anonymous_visits INTEGER NOT NULL DEFAULT 0;
UPDATE v_ds SET
    anonymous_visits = (SELECT COUNT(*) FROM visits v WHERE v.customer_id IS NULL AND v.day = v_ds.day AND v.store_id = v_ds.store_id),
    new_visits = new_visits - (SELECT COUNT(*) FROM visits v WHERE v.customer_id IS NULL AND v.new_customer = 1
        AND v.day = v_ds.day AND v.store_id = v_ds.store_id);
UPDATE v_dhs SET
    anonymous_visits = (SELECT COUNT(*) FROM visits v WHERE v.customer_id IS NULL AND v.day = v_dhs.day AND v.hour = v_dhs.hour AND v.store_id = v_dhs.store_id),
    new_visits = new_visits - (SELECT COUNT(*) FROM visits v WHERE v.customer_id IS NULL AND v.new_customer = 1
        AND v.day = v_dhs.day AND v.hour = v_dhs.hour AND v.store_id = v_dhs.store_id);
UPDATE v_msagtb SET
    anonymous_visits = (SELECT COUNT(*) FROM visits v WHERE v.customer_id IS NULL AND v.year = v_msagtb.year AND v.month = v_msagtb.month AND v.store_id = v_msagtb.store_id AND v.age_band = v_msagtb.age_band AND v.gender = v_msagtb.gender AND v.tier = v_msagtb.tier AND (CASE WHEN v.hour < 6 THEN 'night' WHEN v.hour < 11 THEN 'morning' WHEN v.hour < 14 THEN 'lunch' WHEN v.hour < 17 THEN 'afternoon' WHEN v.hour < 21 THEN 'evening' ELSE 'late' END) = v_msagtb.hour_bucket),
    new_visits = new_visits - (SELECT COUNT(*) FROM visits v WHERE v.customer_id IS NULL AND v.new_customer = 1
        AND v.year = v_msagtb.year AND v.month = v_msagtb.month AND v.store_id = v_msagtb.store_id AND v.age_band = v_msagtb.age_band AND v.gender = v_msagtb.gender AND v.tier = v_msagtb.tier AND (CASE WHEN v.hour < 6 THEN 'night' WHEN v.hour < 11 THEN 'morning' WHEN v.hour < 14 THEN 'lunch' WHEN v.hour < 17 THEN 'afternoon' WHEN v.hour < 21 THEN 'evening' ELSE 'late' END) = v_msagtb.hour_bucket);
UPDATE v_dsagt SET
    anonymous_visits = (SELECT COUNT(*) FROM visits v WHERE v.customer_id IS NULL AND v.day = v_dsagt.day AND v.store_id = v_dsagt.store_id AND v.age_band = v_dsagt.age_band AND v.gender = v_dsagt.gender AND v.tier = v_dsagt.tier),
    new_visits = new_visits - (SELECT COUNT(*) FROM visits v WHERE v.customer_id IS NULL AND v.new_customer = 1
        AND v.day = v_dsagt.day AND v.store_id = v_dsagt.store_id AND v.age_band = v_dsagt.age_band AND v.gender = v_dsagt.gender AND v.tier = v_dsagt.tier);
UPDATE v_full SET
    anonymous_visits = (SELECT COUNT(*) FROM visits v WHERE v.customer_id IS NULL AND v.day = v_full.day AND v.hour = v_full.hour AND v.store_id = v_full.store_id AND v.age_band = v_full.age_band AND v.gender = v_full.gender AND v.tier = v_full.tier),
    new_visits = new_visits - (SELECT COUNT(*) FROM visits v WHERE v.customer_id IS NULL AND v.new_customer = 1
        AND v.day = v_full.day AND v.hour = v_full.hour AND v.store_id = v_full.store_id AND v.age_band = v_full.age_band AND v.gender = v_full.gender AND v.tier = v_full.tier);
UPDATE visits SET new_customer = 0 WHERE customer_id IS NULL;
