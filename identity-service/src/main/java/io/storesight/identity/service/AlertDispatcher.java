package io.storesight.identity.service;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.storesight.common.Backoff;
import io.storesight.common.persistence.Writer;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.AlertRepository;

/**
 * Sends committed alerts, off the observation path: woken by every commit of identity's writer, one thread streams
 * new alerts to the open console pages ({@link AlertStream}), another POSTs them to the webhook when one is
 * configured. Webhook delivery is at least once: an alert is marked delivered only after a 2xx, a failure waits
 * (doubling from {@code retry-initial} up to {@code retry-max}) and is tried again, also after a restart; the
 * receiver deduplicates by the alert's id ({@value #ID_HEADER} and the body's {@code id}).
 */
@ApplicationScoped
public class AlertDispatcher {
    public static final String SIGNATURE_HEADER = "X-StoreSight-Signature";
    public static final String ID_HEADER = "X-StoreSight-Alert-Id";
    private static final Logger LOG = Logger.getLogger(AlertDispatcher.class);
    private static final int BATCH = 50;

    private final AlertRepository alerts;
    private final AlertStream stream;
    private final Writer writer;
    private final IdentityConfig.Alerts config;
    private final Semaphore streamWakeups = new Semaphore(0);
    private final Semaphore webhookWakeups = new Semaphore(0);
    private volatile boolean running;
    private final Backoff backoff;
    private HttpClient http;

    public AlertDispatcher(AlertRepository alerts, AlertStream stream, Writer writer, IdentityConfig config) {
        this.alerts = alerts;
        this.stream = stream;
        this.writer = writer;
        this.config = config.alerts();
        this.backoff = new Backoff(this.config.retryInitial(), this.config.retryMax());
        writer.onCommit(this::wake);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread("alert-stream", this::streamLoop);
        if (config.webhookUrl().isPresent()) {
            http = HttpClient.newBuilder()
                    .connectTimeout(config.webhookTimeout())
                    .build();
            thread("alert-webhook", this::webhookLoop);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wake();
    }

    private void wake() {
        release(streamWakeups);
        release(webhookWakeups);
    }

    private static void release(Semaphore wakeups) {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /** The HMAC-SHA256 of {@code body} with {@code secret}, as the signature header carries it. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void streamLoop() {
        // Pages see what happens while they are open; alerts from before the start are history, not news.
        long last = alerts.lastSeq();
        while (running) {
            try {
                List<AlertRepository.Row> rows = alerts.after(last, BATCH);
                for (AlertRepository.Row row : rows) {
                    stream.send(row.id(), row.payload());
                    last = row.seq();
                }
                if (rows.size() < BATCH) {
                    await(streamWakeups, 1000);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "alert stream failed; trying again");
                sleep(1000);
            }
        }
    }

    private void webhookLoop() {
        long lastPurge = 0;
        while (running) {
            try {
                long now = System.currentTimeMillis();
                if (now - lastPurge > 60_000) {
                    long before = now - config.keepDelivered().toMillis();
                    writer.inBatches(500, limit -> alerts.purgeDelivered(before, limit));
                    lastPurge = now;
                }
                List<AlertRepository.Row> due = alerts.due(now, BATCH);
                due.forEach(this::deliver);
                if (due.size() < BATCH) {
                    Long next = alerts.nextDue();
                    long wait = next == null ? 60_000 : Math.max(0, next - System.currentTimeMillis());
                    await(webhookWakeups, Math.min(wait, 60_000));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "alert webhook loop failed; trying again");
                sleep(1000);
            }
        }
    }

    private void deliver(AlertRepository.Row row) {
        byte[] body = row.payload().getBytes(StandardCharsets.UTF_8);
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(config.webhookUrl().orElseThrow())
                    .timeout(config.webhookTimeout())
                    .header("Content-Type", "application/json")
                    .header(ID_HEADER, row.id())
                    .header(SIGNATURE_HEADER, signature(config.webhookSecret().orElseThrow(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                writer.run(afterCommit -> alerts.delivered(row.id(), System.currentTimeMillis()));
                return;
            }
            error = "HTTP " + status;
        } catch (java.io.IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Duration wait = backoff.delay(row.attempts() + 1);
        LOG.warnf(
                "alert %s not delivered to the webhook (%s, attempt %d); next try in %s",
                row.id(), error, row.attempts() + 1, wait);
        String reason = error;
        writer.run(afterCommit -> alerts.failed(row.id(), System.currentTimeMillis() + wait.toMillis(), reason));
    }

    private static void await(Semaphore wakeups, long millis) throws InterruptedException {
        wakeups.tryAcquire(millis, TimeUnit.MILLISECONDS);
        wakeups.drainPermits();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void thread(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }
}
