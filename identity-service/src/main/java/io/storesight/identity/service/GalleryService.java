package io.storesight.identity.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.storesight.common.persistence.Writer;
import io.storesight.identity.Descriptors;
import io.storesight.identity.Gallery;
import io.storesight.identity.OptOut;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.OptOutRepository;
import io.storesight.identity.persistence.TemplateRepository;

/**
 * The memory side of identity: the template gallery and the opt-out list. Loaded from SQLite at start; changed only
 * through {@link Writer}'s after-commit actions.
 */
@ApplicationScoped
public class GalleryService {
    private static final Logger LOG = Logger.getLogger(GalleryService.class);

    private final IdentityConfig config;
    private final TemplateRepository templates;
    private final OptOutRepository optOutRepository;
    private final Gallery gallery;
    private final List<OptOut> optOuts = new CopyOnWriteArrayList<>();
    private volatile boolean loaded;

    public GalleryService(IdentityConfig config, TemplateRepository templates, OptOutRepository optOutRepository) {
        this.config = config;
        this.templates = templates;
        this.optOutRepository = optOutRepository;
        this.gallery = new Gallery(
                config.matching().threads().orElse(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Before anything else that observes the start: the face-observations consumer is started by an observer of
     * priority 1000 (SmallRye Reactive Messaging), and an observation matched against a gallery not loaded yet would
     * count a known customer as unknown and, after a few frames, register them again.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        reload();
    }

    /**
     * Rebuilds memory from the database (at start, and what a restart does); not ready meanwhile. The gallery's
     * index is built as the templates stream in, so loaded means searchable at full speed.
     */
    public synchronized void reload() {
        loaded = false;
        long began = System.nanoTime();
        gallery.clear();
        templates.forEach(t -> gallery.add(t.customerId(), t.id(), t.descriptor()));
        optOuts.clear();
        optOuts.addAll(optOutRepository.all());
        loaded = true;
        LOG.infof(
                "gallery loaded: %d templates (%s), %d opt-outs in %d ms",
                gallery.size(),
                gallery.indexed() ? "indexed" : "exact scan",
                optOuts.size(),
                (System.nanoTime() - began) / 1_000_000);
    }

    public boolean loaded() {
        return loaded;
    }

    public Gallery gallery() {
        return gallery;
    }

    public boolean optedOut(float[] descriptor) {
        for (OptOut optOut : optOuts) {
            if (Descriptors.distance(optOut.descriptor(), descriptor) <= config.optOutThreshold()) {
                return true;
            }
        }
        return false;
    }

    public void addOptOut(OptOut optOut) {
        optOuts.add(optOut);
    }

    public void removeOptOut(String id) {
        optOuts.removeIf(o -> o.id().equals(id));
    }

    public int optOutCount() {
        return optOuts.size();
    }
}
