package io.storesight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduled;
import io.storesight.identity.service.PresenceSweeper;
import io.storesight.identity.service.RetentionJob;

/**
 * The periodic jobs start seconds after boot, not minutes: {@code @Scheduled.delay} counts in minutes unless told
 * otherwise: with {@code delay = 1} a job would first run a minute after each start.
 */
class SchedulesTest {

    @Test
    void everyJobIsScheduledAndStartsWithinAMinuteOfBoot() {
        for (Class<?> job : List.of(PresenceSweeper.class, RetentionJob.class)) {
            int scheduled = 0;
            for (Method m : job.getDeclaredMethods()) {
                Scheduled s = m.getAnnotation(Scheduled.class);
                if (s != null) {
                    scheduled++;
                    Duration delay = Duration.of(s.delay(), s.delayUnit().toChronoUnit());
                    assertThat(delay)
                            .as(job.getSimpleName() + "." + m.getName())
                            .isLessThan(Duration.ofMinutes(1));
                }
            }
            assertThat(scheduled)
                    .as(job.getSimpleName() + " runs on a schedule")
                    .isPositive();
        }
    }
}
