package io.storesight.identity.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The retention an owner sets in {@code .env} (docker compose) or the environment ({@code ./storesight}) is the one
 * identity-service enforces and names in its start line.
 */
class RetentionSettingTest {
    private static final Pattern VARIABLE = Pattern.compile("\\bSTORESIGHT_IDENTITY_[A-Z0-9_]+");

    @Test
    void everyIdentityVariableOfComposeAndEnvExampleIsASettingOfTheService() throws IOException {
        Set<String> known = envNames(IdentityConfig.class, "storesight.identity");
        Set<String> named = new LinkedHashSet<>();
        for (String file : new String[] {"docker-compose.yml", ".env.example"}) {
            Matcher matcher = VARIABLE.matcher(Files.readString(Path.of("..", file)));
            while (matcher.find()) {
                named.add(matcher.group());
            }
        }
        assertThat(named).contains("STORESIGHT_IDENTITY_RETENTION");
        assertThat(known).containsAll(named);
    }

    @Test
    void theRetentionVariableReachesTheConfigAndTheStartLine() throws IOException {
        String compose = Files.readString(Path.of("..", "docker-compose.yml"));
        Matcher fallback =
                Pattern.compile("\\$\\{STORESIGHT_IDENTITY_RETENTION:-([^}]+)}").matcher(compose);
        assertThat(fallback.find())
                .as("compose passes STORESIGHT_IDENTITY_RETENTION on")
                .isTrue();
        assertThat(config(Map.of("STORESIGHT_IDENTITY_RETENTION", fallback.group(1)))
                        .retention())
                .isEqualTo(Duration.ofDays(180));

        IdentityConfig owner = config(Map.of("STORESIGHT_IDENTITY_RETENTION", "P30D"));
        assertThat(owner.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(StartupLog.line(owner)).contains("retention 30 days");
        assertThat(StartupLog.line(config(Map.of("STORESIGHT_IDENTITY_RETENTION", "PT12H"))))
                .contains("retention 12 h");
        assertThat(StartupLog.line(config(Map.of()))).contains("retention 180 days");
    }

    private static IdentityConfig config(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(IdentityConfig.class)
                .build();
        return config.getConfigMapping(IdentityConfig.class);
    }

    /** The environment variable of every property of a mapping, nested groups included. */
    private static Set<String> envNames(Class<?> mapping, String prefix) {
        Set<String> names = new LinkedHashSet<>();
        for (Method method : mapping.getMethods()) {
            if (method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            String property = prefix + "."
                    + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            if (method.getReturnType().getEnclosingClass() == IdentityConfig.class) {
                names.addAll(envNames(method.getReturnType(), property));
            } else {
                names.add(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }
}
