package io.storesight.common.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The one line each service logs when it has started, so that its log says at once where it is, what it reads and
 * writes, and the settings that decide its behaviour: {@code identity-service on http://0.0.0.0:8083 | database
 * /data/identity.db | Kafka localhost:9092: reads face-observations; writes visits, customer-events | accept distance
 * 0.54, ...}.
 */
public final class StartupSummary {

    /**
     * @param reads    what the service consumes (topics, cameras), or "" for nothing
     * @param writes   what it produces, or "" for nothing
     * @param settings the key settings in the order to print them
     */
    public static String line(String service, String reads, String writes, Map<String, ?> settings) {
        Config config = ConfigProvider.getConfig();
        String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
        int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        boolean database = config.getOptionalValue("quarkus.datasource.active", Boolean.class)
                .orElse(true);
        Optional<String> path = config.getOptionalValue("storesight.database.path", String.class);
        String kafka =
                config.getOptionalValue("kafka.bootstrap.servers", String.class).orElse("localhost:9092");
        StringBuilder line = new StringBuilder(service)
                .append(" on http://")
                .append(host)
                .append(':')
                .append(port)
                .append(" | database ")
                .append(database && path.isPresent() ? path.get() : "none")
                .append(" | Kafka ")
                .append(kafka)
                .append(": reads ")
                .append(reads.isEmpty() ? "nothing" : reads)
                .append("; writes ")
                .append(writes.isEmpty() ? "nothing" : writes);
        if (!settings.isEmpty()) {
            line.append(" | ")
                    .append(settings.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        return line.toString();
    }

    /** A period as people say it: "180 days", "6 h", else ISO-8601 ("PT1M30S"). */
    public static String duration(Duration period) {
        if (!period.isZero()
                && period.toHoursPart() == 0
                && period.toMinutesPart() == 0
                && period.toSecondsPart() == 0
                && period.toNanosPart() == 0) {
            return period.toDays() + (period.toDays() == 1 ? " day" : " days");
        }
        if (!period.isZero()
                && period.toMinutesPart() == 0
                && period.toSecondsPart() == 0
                && period.toNanosPart() == 0) {
            return period.toHours() + " h";
        }
        return period.toString();
    }

    /** Logs {@link #line} at INFO through the service's own logger. */
    public static void log(Logger log, String service, String reads, String writes, Map<String, ?> settings) {
        log.info(line(service, reads, writes, settings));
    }

    private StartupSummary() {}
}
