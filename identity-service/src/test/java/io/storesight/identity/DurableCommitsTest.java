package io.storesight.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.common.persistence.Jdbc;
import io.storesight.common.persistence.Writer;
import io.storesight.testsupport.SqliteSettings;

/** identity.db's commits survive a power cut, and every write goes through the one Writer. */
@QuarkusTest
class DurableCommitsTest {
    @Inject
    DataSource dataSource;

    @Inject
    Jdbc jdbc;

    @Inject
    Writer writer;

    @Test
    void commitsAreOnDiskBeforeTheyReturnAndWriteTransactionsBeginImmediate() {
        assertThat(SqliteSettings.of(dataSource)).isEqualTo(SqliteSettings.DURABLE);
    }

    @Test
    void aWriteOutsideTheWriterIsRefused() {
        String sql = "DELETE FROM camera_clocks WHERE camera_id = ?";
        assertThatThrownBy(() -> jdbc.update(sql, "nobody"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside the service's Writer");
        assertThatThrownBy(() -> jdbc.cached().update(sql, "nobody")).isInstanceOf(IllegalStateException.class);
        int deleted = writer.write(afterCommit -> jdbc.update(sql, "nobody"));
        assertThat(deleted).isZero();
    }
}
