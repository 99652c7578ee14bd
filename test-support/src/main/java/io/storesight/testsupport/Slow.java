package io.storesight.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test the fast loop ({@code ./mvnw -B -Pquick verify}) leaves out: soaks, browsers, long datasets, broker outages
 * and crashes, rebalances, indexes at their working size, accuracy studies, tests that restart Quarkus with their own
 * settings, whole-stack runs. {@code ./mvnw -B verify} runs everything.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Slow.TAG)
public @interface Slow {
    String TAG = "slow";
}
