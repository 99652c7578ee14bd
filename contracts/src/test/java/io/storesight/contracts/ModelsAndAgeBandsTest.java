package io.storesight.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ModelsAndAgeBandsTest {

    @Test
    void ageBandsAreDecadesWithSixtyAndOverTogether() {
        assertThat(AgeBands.of(3.2)).isEqualTo("0-9");
        assertThat(AgeBands.of(10)).isEqualTo("10-19");
        assertThat(AgeBands.of(29.99)).isEqualTo("20-29");
        assertThat(AgeBands.of(59.5)).isEqualTo("50-59");
        assertThat(AgeBands.of(60)).isEqualTo("60+");
        assertThat(AgeBands.of(95)).isEqualTo("60+");
        assertThat(AgeBands.of(-1)).isEqualTo("0-9");
        assertThat(AgeBands.of(Double.NaN)).isEqualTo("0-9");
    }

    @Test
    void theSystemPropertyNamesTheModelsDirectory() throws Exception {
        Path dir = Files.createTempDirectory("models");
        String previous = System.getProperty(Models.SYSTEM_PROPERTY);
        try {
            System.setProperty(Models.SYSTEM_PROPERTY, dir.toString());
            assertThat(Models.locate()).isEqualTo(dir.toAbsolutePath().normalize());
            System.setProperty(Models.SYSTEM_PROPERTY, dir.resolve("missing").toString());
            assertThat(Models.find()).isEmpty();
            assertThatThrownBy(Models::locate)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("models/fetch");
        } finally {
            if (previous == null) {
                System.clearProperty(Models.SYSTEM_PROPERTY);
            } else {
                System.setProperty(Models.SYSTEM_PROPERTY, previous);
            }
            Files.delete(dir);
        }
    }

    @Test
    void withoutASettingTheRepositorysModelsAreFoundFromAModule() {
        Path found = Models.locate();
        assertThat(found.getFileName()).hasToString("models");
        assertThat(Models.sample(found, 1)).isRegularFile();
    }
}
