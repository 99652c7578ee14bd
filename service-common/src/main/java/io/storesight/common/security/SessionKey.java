package io.storesight.common.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * The key of the pages' login cookie. The owner sets {@code STORESIGHT_SESSION_KEY} ({@link #PROPERTY}); Quarkus
 * encrypts the cookie with a key derived from it and from every account's user name and password, so that changing
 * a password (which takes a restart) ends every session issued before: the old cookies no longer decrypt.
 * Registered as a config source factory, so Quarkus reads the derived key as its own setting
 * {@code quarkus.http.auth.session.encryption-key}.
 */
public class SessionKey implements ConfigSourceFactory {
    public static final String PROPERTY = "storesight.session-key";
    public static final String VARIABLE = "STORESIGHT_SESSION_KEY";
    public static final int MIN_LENGTH = 32;
    static final String QUARKUS_KEY = "quarkus.http.auth.session.encryption-key";
    /** Above every source the owner could use, so the cookie key is always the derived one. */
    private static final int ORDINAL = 1000;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Optional<String> key = value(context, PROPERTY);
        if (key.isEmpty()) {
            // Nothing to derive from; Secrets refuses the start.
            return List.of();
        }
        String derived = cookieKey(key.get(), Accounts.from(name -> value(context, name)));
        return List.of(new PropertiesConfigSource(Map.of(QUARKUS_KEY, derived), "storesight-session-key", ORDINAL));
    }

    /** HMAC-SHA256 of the accounts under the owner's key: a different password gives a different cookie key. */
    public static String cookieKey(String sessionKey, Accounts accounts) {
        StringBuilder credentials = new StringBuilder("storesight-session-v1");
        for (Accounts.Account account : accounts.all()) {
            credentials
                    .append('\n')
                    .append(account.role().id())
                    .append('\0')
                    .append(account.user())
                    .append('\0')
                    .append(account.password());
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(credentials.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Why the owner's key must not be used, or empty. */
    public static Optional<String> problem(Optional<String> key) {
        return key.isEmpty()
                ? Optional.of(VARIABLE + " is not set")
                : Secrets.weakness(VARIABLE, key.get(), MIN_LENGTH);
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isEmpty()
                ? Optional.empty()
                : Optional.of(value.getValue());
    }
}
