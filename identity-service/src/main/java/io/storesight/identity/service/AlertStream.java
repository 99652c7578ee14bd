package io.storesight.identity.service;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import io.quarkus.scheduler.Scheduled;

/**
 * The open console pages' alert streams: every alert goes to each as an {@code alert} event (data: the alert's
 * JSON), and a {@code : ping} comment every 15 s keeps idle connections (and proxies) from timing out. A closed page
 * leaves the broadcaster on the next send.
 */
@ApplicationScoped
public class AlertStream {
    private volatile Sse sse;
    private volatile SseBroadcaster broadcaster;

    /** A page opened the stream. */
    public void register(SseEventSink sink, Sse context) {
        synchronized (this) {
            if (broadcaster == null) {
                sse = context;
                broadcaster = context.newBroadcaster();
            }
        }
        broadcaster.register(sink);
        // Headers and a first line at once: the page's EventSource is open before the first alert.
        sink.send(sse.newEventBuilder().comment("ping").build());
    }

    /** Sends an alert (already JSON) to every open stream. */
    public void send(String id, String json) {
        SseBroadcaster current = broadcaster;
        if (current != null) {
            current.broadcast(sse.newEventBuilder()
                    .name("alert")
                    .id(id)
                    .mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(json)
                    .build());
        }
    }

    @Scheduled(every = "15s", delay = 15, delayUnit = TimeUnit.SECONDS)
    void ping() {
        SseBroadcaster current = broadcaster;
        if (current != null) {
            OutboundSseEvent ping = sse.newEventBuilder().comment("ping").build();
            current.broadcast(ping);
        }
    }
}
