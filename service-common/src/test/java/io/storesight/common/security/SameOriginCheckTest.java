package io.storesight.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SameOriginCheckTest {

    @Test
    void anOriginMatchesTheHostItWasSentTo() {
        assertThat(SameOriginCheck.sameAuthority("http://store:8084", "store:8084"))
                .isTrue();
        assertThat(SameOriginCheck.sameAuthority("http://Store:8084", "store:8084"))
                .isTrue();
        assertThat(SameOriginCheck.sameAuthority("https://store.example", "store.example"))
                .isTrue();
        assertThat(SameOriginCheck.sameAuthority("https://store.example", "store.example:443"))
                .isTrue();
        assertThat(SameOriginCheck.sameAuthority("http://[::1]:8084", "[::1]:8084"))
                .isTrue();
    }

    @Test
    void anotherHostPortOrAnOpaqueOriginDoesNot() {
        assertThat(SameOriginCheck.sameAuthority("http://store:8085", "store:8084"))
                .isFalse();
        assertThat(SameOriginCheck.sameAuthority("http://evil.example", "store:8084"))
                .isFalse();
        assertThat(SameOriginCheck.sameAuthority("https://store.example", "store.example:80"))
                .isFalse();
        assertThat(SameOriginCheck.sameAuthority("null", "store:8084")).isFalse();
        assertThat(SameOriginCheck.sameAuthority("http://store:8084", null)).isFalse();
    }
}
