package io.storesight.camera.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.storesight.camera.MediaRoots;
import io.storesight.camera.service.DemoCameras;

/** The media roots: {@code storesight.ingest.media-roots} plus the demo folder. */
public class MediaRootsProducer {

    @Produces
    @Singleton
    MediaRoots mediaRoots(IngestConfig ingest, DemoCameras demo) {
        List<Path> roots = new ArrayList<>(
                MediaRoots.of(ingest.mediaRoots().orElse(List.of())).roots());
        roots.add(demo.dir());
        return new MediaRoots(roots);
    }
}
