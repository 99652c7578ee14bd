package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The application's Flyway finds the Java migration (V4) between the SQL ones and applies all of them. */
@QuarkusTest
class MigrationsAppliedTest {
    @Inject
    DataSource dataSource;

    @Test
    void everyMigrationIsApplied() throws Exception {
        List<String> applied = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet r = statement.executeQuery("SELECT version, type, success FROM flyway_schema_history "
                        + "WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (r.next()) {
                applied.add(r.getString(1) + " " + r.getString(2) + " " + r.getBoolean(3));
            }
        }
        assertThat(applied)
                .containsExactly(
                        "1 SQL true",
                        "2 SQL true",
                        "3 SQL true",
                        "4 JDBC true",
                        "5 SQL true",
                        "6 SQL true",
                        "7 SQL true",
                        "8 SQL true",
                        "9 SQL true");
    }
}
