package io.storesight.camera.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import io.storesight.camera.service.CameraWorker.Snapshot;
import io.storesight.common.rest.ApiException;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.VisitEvent;

/**
 * The admin live view: each camera's frame with the faces face-inference found on it (box, age band, gender) and the
 * customers identity-service currently sees at that camera (id, tier). Everything is in memory and drawn per request;
 * no image is stored. When a frame has one face and the camera one present customer, the box carries the customer.
 * An erased customer leaves the view as soon as CUSTOMER_ERASED arrives (identity deletes their open sightings without
 * ending them), and a sighting of theirs that was already on its way is not shown again.
 */
@ApplicationScoped
public class LiveView {
    private static final Scalar FACE = new Scalar(60, 220, 60);
    private static final Scalar BANNER = new Scalar(30, 30, 30);
    private static final Scalar TEXT = new Scalar(255, 255, 255);

    private final CameraManager manager;
    private final Map<String, FaceObservationEvent> observations = new ConcurrentHashMap<>();
    private final Map<String, Map<String, VisitEvent>> present = new ConcurrentHashMap<>();
    /** Customers gone (erased, merged into another): their ids are never reused, so remembering the latest is enough. */
    private final Set<String> gone = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });

    public LiveView(CameraManager manager) {
        this.manager = manager;
    }

    public void observed(FaceObservationEvent event) {
        observations.merge(event.cameraId(), event,
                (old, next) -> next.captureTime().isBefore(old.captureTime()) ? old : next);
    }

    public void visit(VisitEvent event) {
        synchronized (gone) {
            if (gone.contains(event.customerId())) {
                return;
            }
        }
        switch (event.type()) {
            case SIGHTING_STARTED -> {
                if (event.cameraId() != null) {
                    present.computeIfAbsent(event.cameraId(), id -> new ConcurrentHashMap<>())
                            .put(event.customerId(), event);
                }
            }
            case SIGHTING_ENDED -> {
                if (event.cameraId() != null) {
                    present.getOrDefault(event.cameraId(), Map.of()).remove(event.customerId());
                }
            }
            case VISIT_ENDED -> present.values().forEach(customers -> customers.remove(event.customerId()));
            case VISIT_STARTED -> {
                // Presence is per camera; a visit starting says nothing about where.
            }
        }
    }

    /** A customer erased or merged into another is no longer shown anywhere. */
    public void customer(CustomerEvent event) {
        String goneId = switch (event.type()) {
            case CUSTOMER_ERASED -> event.customerId();
            case CUSTOMERS_MERGED -> event.mergedCustomerId();
            default -> null;
        };
        if (goneId != null) {
            synchronized (gone) {
                gone.add(goneId);
            }
            present.values().forEach(customers -> customers.remove(goneId));
        }
    }

    /** The customers shown at a camera now. */
    public List<VisitEvent> present(String cameraId) {
        return new ArrayList<>(present.getOrDefault(cameraId, Map.of()).values());
    }

    /** The camera's frame with overlays, as JPEG. */
    public byte[] render(String cameraId) {
        CameraWorker worker = manager.worker(cameraId)
                .orElseThrow(() -> ApiException.notFound("no camera with id '" + cameraId + "'"));
        FaceObservationEvent observation = observations.get(cameraId);
        Optional<Snapshot> described = observation == null ? Optional.empty() : worker.recent(observation.frameId());
        Snapshot frame = described.orElseGet(worker::latest);
        if (frame == null) {
            throw ApiException.notFound("camera '" + cameraId + "' has no frame yet");
        }
        Mat image = Imgcodecs.imdecode(new MatOfByte(frame.jpeg()), Imgcodecs.IMREAD_COLOR);
        try {
            List<VisitEvent> customers = present(cameraId);
            if (observation != null) {
                drawFaces(image, observation, customers, described.isPresent());
            }
            drawBanner(image, cameraId, customers);
            return Frames.jpeg(image, 85);
        } finally {
            image.release();
        }
    }

    private static void drawFaces(Mat image, FaceObservationEvent observation, List<VisitEvent> customers,
            boolean sameFrame) {
        // Boxes are in the observed frame's pixels; scale in case the live frame differs in size.
        double sx = image.cols() / (double) Math.max(1, observation.imageWidth());
        double sy = image.rows() / (double) Math.max(1, observation.imageHeight());
        List<FaceObservationEvent.Face> faces = observation.faces() == null ? List.of() : observation.faces();
        for (FaceObservationEvent.Face face : faces) {
            FaceObservationEvent.Box box = face.box();
            Point topLeft = new Point(box.x() * sx, box.y() * sy);
            Point bottomRight = new Point((box.x() + box.width()) * sx, (box.y() + box.height()) * sy);
            Imgproc.rectangle(image, topLeft, bottomRight, FACE, sameFrame ? 3 : 1);
            String label = (face.ageBand() == null ? "?" : face.ageBand()) + " "
                    + (face.gender() == null ? "" : face.gender().name().substring(0, 1));
            if (faces.size() == 1 && customers.size() == 1) {
                VisitEvent customer = customers.get(0);
                label = customer.customerId() + " " + customer.tier() + " " + label;
            }
            text(image, label, new Point(topLeft.x, Math.max(18, topLeft.y - 6)), FACE);
        }
    }

    private static void drawBanner(Mat image, String cameraId, List<VisitEvent> customers) {
        List<String> lines = new ArrayList<>();
        lines.add(cameraId + ": " + (customers.isEmpty() ? "nobody identified" : customers.size() + " present"));
        for (VisitEvent customer : customers) {
            lines.add(customer.customerId() + " " + String.valueOf(customer.tier()).toUpperCase(Locale.ROOT)
                    + (customer.ageBand() == null ? "" : " " + customer.ageBand())
                    + (customer.gender() == null ? "" : " " + customer.gender()));
        }
        Imgproc.rectangle(image, new Point(0, 0), new Point(Math.min(image.cols(), 520), 8 + 24 * lines.size()),
                BANNER, -1);
        for (int i = 0; i < lines.size(); i++) {
            text(image, lines.get(i), new Point(8, 24 + 24 * i), TEXT);
        }
    }

    private static void text(Mat image, String text, Point origin, Scalar color) {
        Imgproc.putText(image, text, origin, Imgproc.FONT_HERSHEY_SIMPLEX, 0.6, color, 2);
    }
}
