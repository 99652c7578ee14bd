package io.storesight.sales;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.testsupport.SqliteSettings;

/** An order the service has answered 201 for is on disk: it survives a power cut, not only a crash. */
@QuarkusTest
class DurableOrdersTest {
    @Inject
    DataSource dataSource;

    @Test
    void ordersCommitToDiskBeforeTheyAreAcknowledged() {
        assertThat(SqliteSettings.of(dataSource)).isEqualTo(SqliteSettings.DURABLE);
    }
}
