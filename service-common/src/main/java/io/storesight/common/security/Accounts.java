package io.storesight.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

/**
 * The accounts of this server, one per {@link Role} whose password is set ({@code storesight.<role>.user} and
 * {@code .password}, i.e. {@code STORESIGHT_<ROLE>_USER} / {@code _PASSWORD}), and the rules they must meet for the
 * server to start ({@link #problems()}).
 */
public final class Accounts {
    public static final int MIN_PASSWORD_LENGTH = 12;

    /** One role's login; {@code toString} leaves the password out. */
    public record Account(Role role, String user, String password) {
        @Override
        public String toString() {
            return role.id() + " account '" + user + "'";
        }
    }

    private final Map<Role, Account> accounts;

    public Accounts(Collection<Account> accounts) {
        this.accounts = new EnumMap<>(Role.class);
        accounts.forEach(account -> this.accounts.put(account.role(), account));
    }

    public static Accounts from(Config config) {
        return from(name -> config.getOptionalValue(name, String.class));
    }

    /** Reads every role's account through {@code lookup} (a config key to its value, empty when unset). */
    public static Accounts from(Function<String, Optional<String>> lookup) {
        List<Account> accounts = new ArrayList<>();
        for (Role role : Role.values()) {
            Optional<String> password = lookup.apply(role.configPrefix() + ".password");
            if (password.isPresent()) {
                String user = lookup.apply(role.configPrefix() + ".user")
                        .map(String::trim)
                        .filter(u -> !u.isEmpty())
                        .orElse(role.id());
                accounts.add(new Account(role, user, password.get()));
            }
        }
        return new Accounts(accounts);
    }

    public Optional<Account> account(Role role) {
        return Optional.ofNullable(accounts.get(role));
    }

    public Collection<Account> all() {
        return accounts.values();
    }

    /** The account with this user name and password. Every account is compared, in constant time. */
    public Optional<Account> check(String user, String password) {
        Account match = null;
        for (Account account : accounts.values()) {
            boolean userMatches = constantTimeEquals(user, account.user());
            boolean passwordMatches = constantTimeEquals(password, account.password());
            if (userMatches & passwordMatches) {
                match = account;
            }
        }
        return Optional.ofNullable(match);
    }

    /** The account of a user name, for sessions: a session names its user, and user names are unique. */
    public Optional<Account> byUser(String user) {
        return accounts.values().stream().filter(a -> a.user().equals(user)).findFirst();
    }

    /**
     * Why these accounts must not be used, one clause each: a missing admin password, a password that is blank,
     * short or the .env.example placeholder, two roles sharing a user name or a password. Empty when all is well.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Role role : Role.values()) {
            Account account = accounts.get(role);
            if (account == null) {
                if (role.required()) {
                    problems.add(role.passwordVariable() + " is not set");
                }
                continue;
            }
            String password = account.password();
            Secrets.weakness(role.passwordVariable(), password, MIN_PASSWORD_LENGTH)
                    .ifPresent(problems::add);
            for (Account other : accounts.values()) {
                if (other.role().ordinal() >= role.ordinal()) {
                    break;
                }
                if (other.user().equals(account.user())) {
                    problems.add(role.userVariable() + " '" + account.user() + "' is also the "
                            + other.role().id() + "'s user name; each role needs its own");
                }
                if (other.password().equals(password)) {
                    problems.add(role.passwordVariable() + " is also the "
                            + other.role().id() + "'s password; each role needs its own");
                }
            }
        }
        return problems;
    }

    static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
