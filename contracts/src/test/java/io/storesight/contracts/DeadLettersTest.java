package io.storesight.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void deadLetterKeepsMessageAndNamesErrorAndOrigin() {
        ConsumerRecord<String, String> failed = new ConsumerRecord<>(Topics.ORDERS, 2, 41L, "O-1", "{broken");
        failed.headers().add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, String> dead = DeadLetters.toDeadLetter(
                failed, new InvalidEventException("malformed JSON for OrderEvent"), "analytics-api");
        assertThat(dead.topic()).isEqualTo("orders.dlq");
        assertThat(dead.key()).isEqualTo("O-1");
        assertThat(dead.value()).isEqualTo("{broken");
        assertThat(header(dead, "trace")).isEqualTo("abc");
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo("malformed JSON for OrderEvent");
        assertThat(header(dead, DeadLetters.ORIGIN_TOPIC)).isEqualTo("orders");
        assertThat(header(dead, DeadLetters.ORIGIN_PARTITION)).isEqualTo("2");
        assertThat(header(dead, DeadLetters.ORIGIN_OFFSET)).isEqualTo("41");
        assertThat(header(dead, DeadLetters.ORIGIN_CONSUMER)).isEqualTo("analytics-api");
        assertThat(header(dead, DeadLetters.EXCEPTION_CLASS)).isEqualTo(InvalidEventException.class.getName());
    }

    @Test
    void aReplayedDeadLetterIsTheOriginalMessageAgainSayingWhereItCameFrom() {
        ConsumerRecord<String, String> failed = new ConsumerRecord<>(Topics.VISITS, 1, 7L, "c-1", "{\"visit\":1}");
        failed.headers().add("event-id", "e-1".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, String> dead =
                DeadLetters.toDeadLetter(failed, new IllegalStateException("a bug"), "analytics-api");
        ConsumerRecord<String, String> stored = new ConsumerRecord<>(dead.topic(), 0, 3L, dead.key(), dead.value());
        dead.headers().forEach(h -> stored.headers().add(h));

        ProducerRecord<String, String> replayed = DeadLetters.toOrigin(stored);
        assertThat(replayed.topic()).isEqualTo(Topics.VISITS);
        assertThat(replayed.partition()).isNull();
        assertThat(replayed.key()).isEqualTo("c-1");
        assertThat(replayed.value()).isEqualTo("{\"visit\":1}");
        assertThat(header(replayed, "event-id")).isEqualTo("e-1");
        assertThat(header(replayed, DeadLetters.REPLAYED_FROM)).isEqualTo("visits.dlq/0@3");
        assertThat(replayed.headers()).noneMatch(h -> h.key().startsWith(DeadLetters.PREFIX));
    }

    @Test
    void everyTopicHasItsDeadLetterTopic() {
        var names = Topics.ALL.stream().map(Topics.TopicSpec::name).toList();
        for (String topic : new String[] {
            Topics.FRAMES, Topics.FACE_OBSERVATIONS, Topics.VISITS, Topics.CUSTOMER_EVENTS, Topics.ORDERS
        }) {
            assertThat(names).contains(topic, Topics.dlq(topic));
        }
    }

    private static String header(ProducerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
