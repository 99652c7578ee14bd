package io.storesight.identity;

import io.storesight.identity.config.IdentityConfig;

/** Loyalty tiers by visit count, or VIP by the manual flag. */
public enum Tier {
    NEW,
    REGULAR,
    LOYAL,
    VIP;

    public static Tier of(int visitCount, boolean vipFlag, IdentityConfig.Tiers thresholds) {
        if (vipFlag || visitCount >= thresholds.vipVisits()) {
            return VIP;
        }
        if (visitCount >= thresholds.loyalVisits()) {
            return LOYAL;
        }
        if (visitCount >= thresholds.regularVisits()) {
            return REGULAR;
        }
        return NEW;
    }
}
