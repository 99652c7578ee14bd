package io.storesight.common.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Nothing runs with a known secret: every service refuses to start, with one line saying what to set, while an
 * account's password or the session key is missing, short, or a placeholder. Quarkus prints a
 * {@link ConfigurationException}'s message alone and exits with status 1.
 */
@ApplicationScoped
public class Secrets {
    /** Placeholders once shipped in .env.example ("change-me-to-..."): a copy of them is not a secret. */
    private static final String PLACEHOLDER_PREFIX = "change-me";

    void check(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            Accounts accounts,
            Config config) {
        List<String> problems = problems(accounts, config.getOptionalValue(SessionKey.PROPERTY, String.class));
        if (!problems.isEmpty()) {
            throw new ConfigurationException(refusal(problems));
        }
    }

    /** Everything wrong with the accounts and the session key; empty when the server may start. */
    public static List<String> problems(Accounts accounts, Optional<String> sessionKey) {
        List<String> problems = new ArrayList<>(accounts.problems());
        SessionKey.problem(sessionKey).ifPresent(problems::add);
        return problems;
    }

    /** The one line a refused start prints. */
    public static String refusal(List<String> problems) {
        return "refusing to start: " + String.join("; ", problems)
                + " (set long random values in the environment or .env; ./storesight up generates them)";
    }

    /** Why {@code value} of {@code variable} is no secret: blank, a placeholder or too short; empty if none. */
    static Optional<String> weakness(String variable, String value, int minLength) {
        if (value.isBlank()) {
            return Optional.of(variable + " is empty");
        }
        if (value.toLowerCase(Locale.ROOT).startsWith(PLACEHOLDER_PREFIX)) {
            return Optional.of(variable + " is the placeholder from .env.example");
        }
        if (value.length() < minLength) {
            return Optional.of(variable + " is shorter than " + minLength + " characters");
        }
        return Optional.empty();
    }
}
