package io.storesight.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.storesight.contracts.Topics;

/**
 * docker compose creates topics with a shell script and runs its own broker: both must match what the local broker
 * does, from contracts' Topics.
 */
class ComposeTopicsTest {
    private static final Pattern CREATE = Pattern.compile("^create (\\S+) (\\d+) (\\S+)$", Pattern.MULTILINE);

    @Test
    void composeScriptCreatesTheTopicsOfTheContractsWithTheirSettings() throws IOException {
        String script = Files.readString(Path.of("..", "deploy", "create-topics.sh"));
        Map<String, String> fromScript = new LinkedHashMap<>();
        Matcher matcher = CREATE.matcher(script);
        while (matcher.find()) {
            fromScript.put(matcher.group(1), matcher.group(2) + " " + matcher.group(3));
        }
        Map<String, String> fromContracts = new LinkedHashMap<>();
        for (Topics.TopicSpec spec : Topics.ALL) {
            fromContracts.put(
                    spec.name(),
                    spec.partitions() + " "
                            + String.join(
                                    ",",
                                    spec.configs().entrySet().stream()
                                            .map(e -> e.getKey() + "=" + e.getValue())
                                            .toList()));
        }
        assertThat(fromScript).containsExactlyInAnyOrderEntriesOf(fromContracts);
        // An existing install is brought to the same settings, not only a new one.
        assertThat(script).contains("--alter --entity-type topics --entity-name \"$1\" --add-config \"$3\"");
    }

    @Test
    void composeBrokerChecksRetentionLikeTheLocalBroker() throws IOException {
        String compose = Files.readString(Path.of("..", "docker-compose.yml"));
        Map<String, String> local = LocalKafkaBroker.brokerProperties(9092, 9093, Path.of("logs"));
        for (Map.Entry<String, String> setting : Topics.BROKER.entrySet()) {
            String variable = "KAFKA_" + setting.getKey().replace('.', '_').toUpperCase(Locale.ROOT);
            assertThat(compose)
                    .as(variable)
                    .containsPattern("\\n\\s+" + variable + ": \"?" + setting.getValue() + "\"?\\n");
            assertThat(local).containsEntry(setting.getKey(), setting.getValue());
        }
    }
}
