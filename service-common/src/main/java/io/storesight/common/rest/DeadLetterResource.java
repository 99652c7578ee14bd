package io.storesight.common.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.storesight.common.messaging.DeadLetterReplay;
import io.storesight.common.security.Role;

/** The dead-letter topics of the topics this service consumes: their backlog, and the replay after a fix. */
@Path("/api/v1/dead-letters")
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {
    private final DeadLetterReplay replay;

    public DeadLetterResource(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @GET
    @Operation(summary = "Each dead-letter topic of this service and how many of its messages wait for a replay")
    public List<DeadLetterReplay.Status> list() {
        return replay.status();
    }

    @POST
    @Path("/{topic}/replay")
    @Operation(summary = "Sends the waiting dead letters of a topic back into the topic (after the cause is fixed)")
    public DeadLetterReplay.Replayed replay(@PathParam("topic") String topic) {
        return replay.replay(topic);
    }
}
