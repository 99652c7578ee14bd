package io.storesight.camera.service;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
import io.storesight.contracts.FaceIdentityEvent;
import io.storesight.contracts.FaceObservationEvent;

/**
 * The admin live view: each camera's latest frame that identity-service has decided on, with every face box labelled
 * by its own decision (customer id or label, tier, VIP, age band, gender; or visitor). Everything is in memory and
 * drawn per request; no image is stored, and no descriptor ever reaches this service. An erased customer leaves the
 * view as soon as CUSTOMER_ERASED arrives, and a frame of theirs that was already on its way is not shown with them.
 */
@ApplicationScoped
public class LiveView {
    private static final Scalar CUSTOMER = new Scalar(60, 220, 60);
    private static final Scalar VIP = new Scalar(0, 200, 255);
    private static final Scalar OTHER = new Scalar(200, 200, 200);
    private static final Scalar BANNER = new Scalar(30, 30, 30);
    private static final Scalar TEXT = new Scalar(255, 255, 255);

    /** A camera's latest decided frame, as the live page shows it. */
    public record LiveFaces(
            String camera,
            String frameId,
            Instant capturedAt,
            int imageWidth,
            int imageHeight,
            List<FaceIdentityEvent.Face> faces) {
        static LiveFaces of(FaceIdentityEvent event) {
            return new LiveFaces(
                    event.camera(),
                    event.frameId(),
                    event.capturedAt(),
                    event.imageWidth(),
                    event.imageHeight(),
                    event.faces());
        }

        LiveFaces without(Set<String> gone) {
            return new LiveFaces(
                    camera,
                    frameId,
                    capturedAt,
                    imageWidth,
                    imageHeight,
                    faces.stream()
                            .filter(f -> f.customerId() == null || !gone.contains(f.customerId()))
                            .toList());
        }
    }

    private final CameraManager manager;
    private final Map<String, LiveFaces> latest = new ConcurrentHashMap<>();
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

    public void identified(FaceIdentityEvent event) {
        LiveFaces next;
        synchronized (gone) {
            next = LiveFaces.of(event).without(gone);
        }
        latest.merge(event.camera(), next, (old, now) -> now.capturedAt().isBefore(old.capturedAt()) ? old : now);
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
                latest.replaceAll((camera, faces) -> faces.without(gone));
            }
        }
    }

    /** The faces of the camera's latest decided frame (empty before the first). */
    public Optional<LiveFaces> faces(String cameraId) {
        return Optional.ofNullable(latest.get(cameraId));
    }

    /** The camera's frame with every face's box and label drawn on it, as JPEG. */
    public byte[] render(String cameraId) {
        CameraWorker worker = manager.worker(cameraId)
                .orElseThrow(() -> ApiException.notFound("no camera with id '" + cameraId + "'"));
        LiveFaces faces = latest.get(cameraId);
        Optional<Snapshot> described = faces == null ? Optional.empty() : worker.recent(faces.frameId());
        Snapshot frame = described.orElseGet(worker::latest);
        if (frame == null) {
            throw ApiException.notFound("camera '" + cameraId + "' has no frame yet");
        }
        Mat image = Imgcodecs.imdecode(new MatOfByte(frame.jpeg()), Imgcodecs.IMREAD_COLOR);
        try {
            if (faces != null) {
                drawFaces(image, faces, described.isPresent());
            }
            drawBanner(image, cameraId, faces);
            return Frames.jpeg(image, 85);
        } finally {
            image.release();
        }
    }

    /** What a face's box says: "★ Ann VIP 30-39 F", "C-42 REGULAR 20-29 M", "visitor 40-49 F". */
    public static String label(FaceIdentityEvent.Face face) {
        StringBuilder label = new StringBuilder();
        if (face.status() == FaceIdentityEvent.Status.CUSTOMER) {
            label.append(face.vip() ? "* " : "")
                    .append(face.label() != null ? face.label() : face.customerId())
                    .append(' ')
                    .append(face.tier());
            if (face.staff()) {
                label.append(" staff");
            }
        } else {
            label.append(face.status() == FaceIdentityEvent.Status.OPTED_OUT ? "opted out" : "visitor");
        }
        if (face.ageBand() != null) {
            label.append(' ').append(face.ageBand());
        }
        if (face.gender() != null && !face.gender().isEmpty()) {
            label.append(' ').append(face.gender().charAt(0));
        }
        return label.toString();
    }

    private static void drawFaces(Mat image, LiveFaces faces, boolean sameFrame) {
        // Boxes are in the observed frame's pixels; scale in case the live frame differs in size.
        double sx = image.cols() / (double) Math.max(1, faces.imageWidth());
        double sy = image.rows() / (double) Math.max(1, faces.imageHeight());
        for (FaceIdentityEvent.Face face : faces.faces()) {
            FaceObservationEvent.Box box = face.box();
            Scalar color = face.customerId() == null ? OTHER : face.vip() ? VIP : CUSTOMER;
            Point topLeft = new Point(box.x() * sx, box.y() * sy);
            Point bottomRight = new Point((box.x() + box.width()) * sx, (box.y() + box.height()) * sy);
            Imgproc.rectangle(image, topLeft, bottomRight, color, sameFrame ? 3 : 1);
            // The drawing font has ASCII only: a label in another script shows as the customer id.
            String label = label(face);
            if (!label.chars().allMatch(c -> c < 128)) {
                label = label(new FaceIdentityEvent.Face(
                        face.index(),
                        face.box(),
                        face.status(),
                        face.customerId(),
                        null,
                        face.tier(),
                        face.vip(),
                        face.staff(),
                        face.ageBand(),
                        face.gender()));
            }
            text(image, label, new Point(topLeft.x, Math.max(18, topLeft.y - 6)), color);
        }
    }

    private static void drawBanner(Mat image, String cameraId, LiveFaces faces) {
        long customers = faces == null
                ? 0
                : faces.faces().stream().filter(f -> f.customerId() != null).count();
        int people = faces == null ? 0 : faces.faces().size();
        String line = cameraId + ": " + people + (people == 1 ? " face, " : " faces, ") + customers + " identified";
        Imgproc.rectangle(image, new Point(0, 0), new Point(Math.min(image.cols(), 520), 32), BANNER, -1);
        text(image, line, new Point(8, 24), TEXT);
    }

    private static void text(Mat image, String text, Point origin, Scalar color) {
        Imgproc.putText(image, text, origin, Imgproc.FONT_HERSHEY_SIMPLEX, 0.6, color, 2);
    }
}
