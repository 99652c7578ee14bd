package io.storesight.identity.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.storesight.common.config.StartupSummary;
import io.storesight.common.persistence.ProcessedEvents;
import io.storesight.contracts.Topics;

/** The start line: where the service is, what it reads and writes, and the settings that matter. */
@ApplicationScoped
class StartupLog {
    private static final Logger LOG = Logger.getLogger(StartupLog.class);

    void onStart(@Observes StartupEvent event, IdentityConfig config) {
        ProcessedEvents.requireLongerThanTopics(
                "storesight.identity.processed-events-retention",
                config.processedEventsRetention(),
                List.of(Topics.FACE_OBSERVATIONS));
        requireWebhookSecret(config.alerts());
        LOG.info(line(config));
    }

    /** A webhook without a secret (or with a guessable one) would accept forged alerts: refuse to start. */
    static void requireWebhookSecret(IdentityConfig.Alerts alerts) {
        if (alerts.webhookUrl().isEmpty()) {
            return;
        }
        String secret = alerts.webhookSecret().map(String::strip).orElse("");
        if (secret.length() < 16 || secret.toLowerCase(java.util.Locale.ROOT).startsWith("change-me")) {
            throw new IllegalStateException(
                    "storesight.identity.alerts.webhook-url is set, so "
                            + "storesight.identity.alerts.webhook-secret (STORESIGHT_IDENTITY_ALERTS_WEBHOOK_SECRET) must be "
                            + "set too, at least 16 characters and not a placeholder: the receiver checks the signature with it");
        }
    }

    static String line(IdentityConfig config) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("accept distance", config.matching().acceptDistance());
        settings.put("new-person distance", config.matching().newPersonDistance());
        settings.put("match margin", config.matching().margin());
        settings.put("visit ends after", config.presence().absenceThreshold().toSeconds() + " s absent");
        settings.put("retention", StartupSummary.duration(config.retention()));
        settings.put(
                "tiers at",
                config.tiers().regularVisits() + "/" + config.tiers().loyalVisits() + "/"
                        + config.tiers().vipVisits() + " visits");
        settings.put("face-inference", config.faceInferenceUrl());
        settings.put(
                "alert webhook",
                config.alerts().webhookUrl().map(Object::toString).orElse("none"));
        return StartupSummary.line(
                "identity-service", "face-observations", "visits, customer-events, face-identities", settings);
    }
}
