package io.storesight.face.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.face.TestImages;
import io.storesight.testsupport.Calibration;
import io.storesight.testsupport.Calibration.Photo;
import io.storesight.testsupport.Slow;

/**
 * {@code /api/v1/verify} at its default threshold on the calibration set: two photos of one person taken on different
 * days must be called the same person, two people must not. Every person's consecutive photos are the genuine pairs
 * (48); every two people's first photos are the impostor pairs (78).
 */
@Slow
@QuarkusTest
class VerifyOnDifferentPhotosTest {

    @BeforeEach
    void ready() {
        TestImages.awaitReady();
    }

    private static boolean samePerson(Photo a, Photo b) {
        return AnalyzeAndVerifyTest.integrator()
                .multiPart("source", a.file(), a.bytes(), "image/jpeg")
                .multiPart("target", b.file(), b.bytes(), "image/jpeg")
                .post("/api/v1/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getBoolean("samePerson");
    }

    @Test
    void differentPhotosOfOnePersonMatchAndTwoPeopleDoNot() {
        Map<String, List<Photo>> people = Calibration.byIdentity();
        int genuine = 0;
        List<String> rejected = new ArrayList<>();
        for (List<Photo> own : people.values()) {
            for (int i = 0; i + 1 < own.size(); i++) {
                genuine++;
                if (!samePerson(own.get(i), own.get(i + 1))) {
                    rejected.add(own.get(i).file() + "/" + own.get(i + 1).file());
                }
            }
        }
        List<String> matched = new ArrayList<>();
        List<List<Photo>> persons = new ArrayList<>(people.values());
        int impostor = 0;
        for (int i = 0; i < persons.size(); i++) {
            for (int j = i + 1; j < persons.size(); j++) {
                impostor++;
                Photo a = persons.get(i).get(0);
                Photo b = persons.get(j).get(0);
                if (samePerson(a, b)) {
                    matched.add(a.file() + "/" + b.file());
                }
            }
        }
        assertThat(genuine).isEqualTo(48);
        assertThat(impostor).isEqualTo(78);
        assertThat(genuine - rejected.size())
                .as("genuine pairs matched; rejected: %s", rejected)
                .isGreaterThanOrEqualTo((int) Math.ceil(genuine * 0.95));
        assertThat(matched).as("impostor pairs called the same person").isEmpty();
    }
}
