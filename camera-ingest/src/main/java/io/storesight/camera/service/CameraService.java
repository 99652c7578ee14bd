package io.storesight.camera.service;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.storesight.camera.CameraDraft;
import io.storesight.camera.CameraSettings;
import io.storesight.camera.CameraState;
import io.storesight.camera.CameraStatus;
import io.storesight.camera.CameraValidator;
import io.storesight.camera.CameraValidator.InvalidCameraException;
import io.storesight.camera.CameraView;
import io.storesight.camera.MediaRoots;
import io.storesight.camera.SourceSpec;
import io.storesight.camera.config.CamerasConfig;
import io.storesight.camera.config.IngestConfig;
import io.storesight.camera.persistence.CameraRepository;
import io.storesight.common.persistence.Writer;
import io.storesight.common.rest.ApiException;

/**
 * What cameras exist and what they do. Config and demo cameras are re-applied at every start (the config is the
 * truth for them; one removed from the config is removed here); cameras added over the API live in the database.
 * The paused flag of every camera survives restarts. Writes go through the service's {@link Writer}.
 */
@ApplicationScoped
public class CameraService {
    private static final Logger LOG = Logger.getLogger(CameraService.class);

    private final CameraRepository repository;
    private final CameraManager manager;
    private final IngestConfig ingest;
    private final CamerasConfig cameras;
    private final DemoCameras demo;
    private final MediaRoots roots;
    private final Writer writer;

    public CameraService(
            CameraRepository repository,
            CameraManager manager,
            IngestConfig ingest,
            CamerasConfig cameras,
            DemoCameras demo,
            MediaRoots roots,
            Writer writer) {
        this.repository = repository;
        this.manager = manager;
        this.ingest = ingest;
        this.cameras = cameras;
        this.demo = demo;
        this.roots = roots;
        this.writer = writer;
    }

    synchronized void onStart(@Observes StartupEvent event) {
        Set<String> declared = new HashSet<>(demo.ids());
        for (Map.Entry<String, CamerasConfig.Camera> entry : cameras.cameras().entrySet()) {
            declared.add(entry.getKey());
            apply(fromConfig(entry.getKey(), entry.getValue()), CameraSettings.ORIGIN_CONFIG);
        }
        for (CameraSettings stored : repository.findAll()) {
            if (!stored.origin().equals(CameraSettings.ORIGIN_API) && !declared.contains(stored.id())) {
                LOG.infof("camera %s is no longer in the config; removing it", stored.id());
                writer.run(afterCommit -> repository.delete(stored.id()));
            }
        }
        List<CameraSettings> all = repository.findAll().stream()
                .filter(camera -> !camera.origin().equals(CameraSettings.ORIGIN_DEMO))
                .toList();
        all.forEach(manager::run);
        LOG.infof("started %d camera(s)", all.size());
        if (!demo.ids().isEmpty()) {
            // Rendering the demo videos takes a while on a busy machine; the service is ready meanwhile.
            Thread render = new Thread(this::startDemo, "demo-render");
            render.setDaemon(true);
            render.start();
        }
    }

    private void startDemo() {
        for (CameraDraft draft : demo.cameras()) {
            synchronized (this) {
                apply(draft, CameraSettings.ORIGIN_DEMO);
                repository.find(draft.id()).ifPresent(manager::run);
            }
        }
    }

    private void apply(CameraDraft draft, String origin) {
        boolean paused = repository.find(draft.id()).map(CameraSettings::paused).orElse(false);
        try {
            CameraSettings settings =
                    CameraValidator.validate(draft, ingest.defaultStoreId(), origin, paused, false, roots);
            writer.run(afterCommit -> repository.upsert(settings));
        } catch (InvalidCameraException e) {
            LOG.errorf("camera %s in the config is invalid and not started: %s", draft.id(), e.getMessage());
        }
    }

    private static CameraDraft fromConfig(String id, CamerasConfig.Camera c) {
        return new CameraDraft(
                id,
                c.name().orElse(null),
                c.storeId().orElse(null),
                c.role(),
                c.source(),
                c.fps(),
                c.maxLongSide(),
                c.jpegQuality(),
                c.motion().enabled(),
                c.motion().sensitivity(),
                c.loop(),
                c.sourceFps().isPresent() ? c.sourceFps().getAsDouble() : null);
    }

    public List<CameraView> list() {
        return repository.findAll().stream().map(this::view).toList();
    }

    public CameraView get(String id) {
        return view(existing(id));
    }

    public synchronized CameraView add(CameraDraft draft) {
        CameraSettings settings = validated(draft, CameraSettings.ORIGIN_API, false);
        if (!writer.write(afterCommit -> repository.insert(settings))) {
            throw ApiException.conflict("a camera with id '" + settings.id() + "' already exists");
        }
        manager.run(settings);
        LOG.infof("camera %s added: %s", settings.id(), SourceSpec.mask(settings.source()));
        return view(settings);
    }

    /** Partial update: fields left out keep their value; a masked source (as the API shows it) keeps the real one. */
    public synchronized CameraView update(String id, CameraDraft draft) {
        CameraSettings current = existing(id);
        if (draft.id() != null && !draft.id().equals(id)) {
            throw ApiException.badRequest("the id in the body ('" + draft.id() + "') differs from the path ('" + id
                    + "'); a camera's id cannot change");
        }
        CameraDraft merged = draft.over(current);
        if (draft.source() != null && draft.source().equals(SourceSpec.mask(current.source()))) {
            merged = new CameraDraft(
                    id,
                    merged.name(),
                    merged.storeId(),
                    merged.role(),
                    current.source(),
                    merged.fps(),
                    merged.maxLongSide(),
                    merged.jpegQuality(),
                    merged.motionGating(),
                    merged.motionSensitivity(),
                    merged.loop(),
                    merged.sourceFps());
        }
        CameraSettings settings = validated(merged, current.origin(), current.paused());
        writer.run(afterCommit -> repository.update(settings));
        manager.run(settings);
        return view(settings);
    }

    public synchronized CameraView pause(String id) {
        CameraSettings settings = existing(id).withPaused(true);
        writer.run(afterCommit -> repository.update(settings));
        manager.pause(id);
        return view(settings);
    }

    public synchronized CameraView resume(String id) {
        CameraSettings settings = existing(id).withPaused(false);
        writer.run(afterCommit -> repository.update(settings));
        manager.resume(id);
        return view(settings);
    }

    public synchronized void remove(String id) {
        existing(id);
        manager.stop(id);
        writer.run(afterCommit -> repository.delete(id));
        LOG.infof("camera %s removed", id);
    }

    /** The latest frame of a camera, from memory. */
    public CameraWorker.Snapshot snapshot(String id) {
        existing(id);
        CameraWorker.Snapshot latest =
                manager.worker(id).map(CameraWorker::latest).orElse(null);
        if (latest == null) {
            throw ApiException.notFound("camera '" + id + "' has no frame yet");
        }
        return latest;
    }

    private CameraSettings validated(CameraDraft draft, String origin, boolean paused) {
        try {
            return CameraValidator.validate(draft, ingest.defaultStoreId(), origin, paused, true, roots);
        } catch (InvalidCameraException e) {
            throw new ApiException(400, e.getMessage(), Map.copyOf(e.problems()));
        }
    }

    private CameraSettings existing(String id) {
        return repository.find(id).orElseThrow(() -> ApiException.notFound("no camera with id '" + id + "'"));
    }

    private CameraView view(CameraSettings settings) {
        CameraStatus status = manager.worker(settings.id())
                .map(CameraWorker::status)
                .orElseGet(() -> new CameraStatus(
                        settings.paused() ? CameraState.PAUSED : CameraState.STARTING,
                        null,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        null,
                        null,
                        null));
        return CameraView.of(settings, status);
    }
}
