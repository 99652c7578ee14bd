package io.storesight.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What the topic settings promise about how long data stays on the broker's disk. */
class TopicsTest {

    @Test
    void framesAreOffTheDiskWithinFifteenMinutesAndTheirSegmentsCloseEveryFewMinutes() {
        Topics.TopicSpec frames = Topics.spec(Topics.FRAMES);
        assertThat(frames.longestStay()).isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(frames.segment()).isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(frames.configs()).containsEntry("segment.ms", "60000").containsEntry("retention.ms", "600000");
    }

    @Test
    void faceIdentitiesKeepWhatFramesKeep() {
        assertThat(Topics.spec(Topics.FACE_IDENTITIES).configs())
                .isEqualTo(Topics.spec(Topics.FRAMES).configs());
        assertThat(Topics.spec(Topics.FACE_IDENTITIES).longestStay()).isLessThanOrEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void faceObservationsAreOffTheDiskWithinTwoHours() {
        assertThat(Topics.spec(Topics.FACE_OBSERVATIONS).longestStay()).isLessThanOrEqualTo(Duration.ofHours(2));
    }

    @Test
    void visitsAndCustomerEventsKeepLessThanTheBrokerDefaultWeek() {
        for (String topic : new String[] {Topics.VISITS, Topics.CUSTOMER_EVENTS}) {
            assertThat(Topics.spec(topic).longestStay()).as(topic).isLessThan(Duration.ofDays(7));
        }
    }

    @Test
    void everySegmentClosesWellBeforeItsRetentionEnds() {
        for (Topics.TopicSpec spec : Topics.ALL) {
            assertThat(spec.segment().multipliedBy(3)).as(spec.name()).isLessThanOrEqualTo(spec.retention());
            assertThat(spec.configs()).as(spec.name()).containsKeys("retention.ms", "segment.ms", "segment.bytes");
        }
    }

    @Test
    void aDeadLetterTopicKeepsWhatItsTopicKeeps() {
        for (String topic : new String[] {
            Topics.FRAMES,
            Topics.FACE_OBSERVATIONS,
            Topics.FACE_IDENTITIES,
            Topics.VISITS,
            Topics.CUSTOMER_EVENTS,
            Topics.ORDERS
        }) {
            assertThat(Topics.spec(Topics.dlq(topic)).configs())
                    .as(topic)
                    .isEqualTo(Topics.spec(topic).configs());
            assertThat(Topics.spec(Topics.dlq(topic)).partitions()).isEqualTo(1);
        }
    }

    @Test
    void eventTopicsAreWrittenToDiskBeforeTheyAreAcknowledged() {
        for (String topic : new String[] {Topics.VISITS, Topics.CUSTOMER_EVENTS, Topics.ORDERS}) {
            assertThat(Topics.spec(topic).configs()).as(topic).containsEntry("flush.messages", "1");
        }
        assertThat(Topics.spec(Topics.FRAMES).configs()).doesNotContainKey("flush.messages");
    }
}
