package io.storesight.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class FrameHeadersTest {

    @Test
    void metadataRoundTripsThroughHeaders() {
        var metadata = new FrameHeaders.FrameMetadata(
                "cam-1-7", "cam-1", "store-1", "counter", Instant.ofEpochMilli(1_760_000_000_123L), 7, 1280, 720);
        RecordHeaders headers = new RecordHeaders();
        metadata.writeTo(headers);
        assertThat(FrameHeaders.FrameMetadata.readFrom(headers)).isEqualTo(metadata);
        assertThat(FrameHeaders.optional(headers, FrameHeaders.CONTENT_TYPE)).isEqualTo("image/jpeg");
    }

    @Test
    void missingOrMalformedHeaderIsNamed() {
        RecordHeaders headers = new RecordHeaders();
        new FrameHeaders.FrameMetadata("f", "cam-1", "store-1", null, Instant.now(), 1, 10, 10).writeTo(headers);
        headers.remove(FrameHeaders.CAMERA_ID);
        assertThatThrownBy(() -> FrameHeaders.FrameMetadata.readFrom(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(FrameHeaders.CAMERA_ID);
        FrameHeaders.put(headers, FrameHeaders.CAMERA_ID, "cam-1");
        FrameHeaders.put(headers, FrameHeaders.WIDTH, "wide");
        assertThatThrownBy(() -> FrameHeaders.FrameMetadata.readFrom(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(FrameHeaders.WIDTH);
    }
}
