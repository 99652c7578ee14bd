package io.storesight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.storesight.contracts.AgeBands;
import io.storesight.identity.config.IdentityConfig;

class TierTest {
    private static final IdentityConfig.Tiers THRESHOLDS = new IdentityConfig.Tiers() {
        @Override
        public int regularVisits() {
            return 2;
        }

        @Override
        public int loyalVisits() {
            return 5;
        }

        @Override
        public int vipVisits() {
            return 20;
        }
    };

    @Test
    void tiersFollowVisitCountsOrTheVipFlag() {
        assertThat(Tier.of(1, false, THRESHOLDS)).isEqualTo(Tier.NEW);
        assertThat(Tier.of(2, false, THRESHOLDS)).isEqualTo(Tier.REGULAR);
        assertThat(Tier.of(5, false, THRESHOLDS)).isEqualTo(Tier.LOYAL);
        assertThat(Tier.of(20, false, THRESHOLDS)).isEqualTo(Tier.VIP);
        assertThat(Tier.of(1, true, THRESHOLDS)).isEqualTo(Tier.VIP);
        assertThat(AgeBands.of(7)).isEqualTo("0-9");
        assertThat(AgeBands.of(34.6)).isEqualTo("30-39");
        assertThat(AgeBands.of(71)).isEqualTo("60+");
    }
}
