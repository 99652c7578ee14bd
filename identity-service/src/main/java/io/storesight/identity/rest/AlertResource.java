package io.storesight.identity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.storesight.common.security.Role;
import io.storesight.identity.service.AlertStream;

/**
 * The console's alert stream (server-sent events): an {@code alert} event when a VIP's or watched customer's visit
 * starts, data {@code {id, kind, customerId, label, tier, vip, storeId, camera, at}}; a {@code : ping} comment every
 * 15 s. Pages of every service open it cross-origin with their session ({@link AlertsCors}).
 */
@Path("/api/v1/alerts")
@RolesAllowed({Role.ADMIN_NAME, Role.STAFF_NAME})
public class AlertResource {
    private final AlertStream stream;

    public AlertResource(AlertStream stream) {
        this.stream = stream;
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        stream.register(sink, sse);
    }
}
