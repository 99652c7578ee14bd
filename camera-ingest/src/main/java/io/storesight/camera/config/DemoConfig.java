package io.storesight.camera.config;

import java.util.Optional;

import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.storesight.contracts.Ids;

/** The demo cameras of the local run, made at start from the sample photos (models/samples). */
@ConfigMapping(prefix = "storesight.demo")
public interface DemoConfig {

    @WithDefault("false")
    boolean enabled();

    /** Where the generated videos go (default: {@code demo/} under the data dir). */
    Optional<String> dir();

    @WithDefault("store-1")
    @Pattern(regexp = Ids.PATTERN, message = "must be " + Ids.RULE)
    String storeId();

    /** Low by default: the whole stack shares a few CPU cores in the local run. */
    @WithDefault("2")
    double fps();
}
