package io.storesight.camera.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.storesight.camera.CameraDraft;
import io.storesight.camera.CameraView;
import io.storesight.camera.service.CameraService;
import io.storesight.camera.service.CameraWorker;
import io.storesight.camera.service.LiveView;
import io.storesight.common.rest.ApiException;
import io.storesight.common.rest.IdParams;
import io.storesight.common.security.Role;
import io.storesight.contracts.FrameHeaders;

/** Admin API for cameras: settings, live status, and the latest frame. Source URLs may hold passwords: admin only. */
@Path("/api/v1/cameras")
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class CameraResource {
    private final CameraService cameras;
    private final LiveView liveView;

    public CameraResource(CameraService cameras, LiveView liveView) {
        this.cameras = cameras;
        this.liveView = liveView;
    }

    @GET
    public List<CameraView> list() {
        return cameras.list();
    }

    @GET
    @Path("{id}")
    public CameraView get(@PathParam("id") String id) {
        return cameras.get(IdParams.required("id", id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(CameraDraft draft) {
        CameraView created = cameras.add(requireBody(draft));
        return Response.created(URI.create("/api/v1/cameras/" + created.id()))
                .entity(created)
                .build();
    }

    /** Partial update: fields left out keep their value. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CameraView update(@PathParam("id") String id, CameraDraft draft) {
        return cameras.update(IdParams.required("id", id), requireBody(draft));
    }

    @POST
    @Path("{id}/pause")
    public CameraView pause(@PathParam("id") String id) {
        return cameras.pause(IdParams.required("id", id));
    }

    @POST
    @Path("{id}/resume")
    public CameraView resume(@PathParam("id") String id) {
        return cameras.resume(IdParams.required("id", id));
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        cameras.remove(IdParams.required("id", id));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/snapshot.jpg")
    @Produces({"image/jpeg", MediaType.APPLICATION_JSON})
    public Response snapshot(@PathParam("id") String id) {
        CameraWorker.Snapshot latest = cameras.snapshot(IdParams.required("id", id));
        return Response.ok(latest.jpeg(), FrameHeaders.JPEG)
                .header("Cache-Control", "no-store")
                .header("X-Frame-Id", latest.metadata().frameId())
                .header("X-Capture-Time", latest.metadata().captureTime().toString())
                .build();
    }

    /**
     * Who each face of the camera's latest decided frame is (the live page labels the boxes from it): frame id and
     * size, and per face its box, status, customer (id, label, tier, VIP, staff), age band and gender.
     */
    @GET
    @Path("{id}/faces")
    public LiveView.LiveFaces faces(@PathParam("id") String id) {
        String camera = IdParams.required("id", id);
        cameras.get(camera);
        return liveView.faces(camera).orElseGet(() -> new LiveView.LiveFaces(camera, null, null, 0, 0, List.of()));
    }

    /** The latest frame with every face's box and label drawn on it (drawn per request). */
    @GET
    @Path("{id}/live.jpg")
    @Produces({"image/jpeg", MediaType.APPLICATION_JSON})
    public Response live(@PathParam("id") String id) {
        return Response.ok(liveView.render(IdParams.required("id", id)), FrameHeaders.JPEG)
                .header("Cache-Control", "no-store")
                .build();
    }

    private static CameraDraft requireBody(CameraDraft draft) {
        if (draft == null) {
            throw ApiException.badRequest("a JSON body describing the camera is required");
        }
        return draft;
    }
}
