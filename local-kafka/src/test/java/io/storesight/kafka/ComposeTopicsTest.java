package io.storesight.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.storesight.contracts.Topics;

/** docker compose creates topics with a shell script; it must create exactly what the local broker creates. */
class ComposeTopicsTest {
    private static final Pattern CREATE = Pattern.compile("^create (\\S+) (\\d+) (\\S+)$", Pattern.MULTILINE);

    @Test
    void composeScriptCreatesTheTopicsOfTheContracts() throws IOException {
        String script = Files.readString(Path.of("..", "deploy", "create-topics.sh"));
        Set<String> fromScript = new LinkedHashSet<>();
        Matcher matcher = CREATE.matcher(script);
        while (matcher.find()) {
            String retention = matcher.group(3).equals("-") ? "null" : matcher.group(3);
            fromScript.add(matcher.group(1) + "/" + matcher.group(2) + "/" + retention);
        }
        Set<String> fromContracts = new LinkedHashSet<>();
        for (Topics.TopicSpec spec : Topics.ALL) {
            fromContracts.add(spec.name() + "/" + spec.partitions() + "/"
                    + (spec.retention() == null ? "null" : Long.toString(spec.retention().toMillis())));
        }
        assertThat(fromScript).containsExactlyInAnyOrderElementsOf(fromContracts);
    }
}
