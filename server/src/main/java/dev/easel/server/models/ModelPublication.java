package dev.easel.server.models;

import dev.easel.server.generation.ModelCatalog;
import dev.easel.server.generation.ModelPool;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Makes published versions of listed models selectable for generation: builds each one's folder from the stored files
 * and registers it with the {@link ModelCatalog} under its generation name ({@code <model slug>@<version slug>}). At
 * startup every published version is registered again (its folder rebuilt if it went missing).
 */
@Component
class ModelPublication implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(ModelPublication.class);

    private final ModelCatalog catalog;
    private final ModelPool pool;
    private final ModelFileStore store;
    private final ModelRepository models;
    private final VersionRepository versions;

    ModelPublication(
            ModelCatalog catalog,
            ModelPool pool,
            ModelFileStore store,
            ModelRepository models,
            VersionRepository versions) {
        this.catalog = catalog;
        this.pool = pool;
        this.store = store;
        this.models = models;
        this.versions = versions;
    }

    static String generationName(String modelSlug, String versionSlug) {
        return modelSlug + "@" + versionSlug;
    }

    /** Registers or unregisters each of the model's versions as it is now: selectable when published and listed. */
    void sync(ModelRow model, List<VersionRow> modelVersions) {
        for (VersionRow version : modelVersions) {
            if (model.listed() && version.published()) {
                register(model, version);
            } else {
                withdraw(model.slug(), version.slug());
            }
        }
    }

    /**
     * Makes a version unselectable, drops it from the pool of loaded models (jobs already running on it finish) and
     * removes its generation folder (the stored files stay).
     */
    void withdraw(String modelSlug, String versionSlug) {
        String name = generationName(modelSlug, versionSlug);
        catalog.unregister(name);
        pool.forget(name);
        ModelFileStore.deleteTree(store.folder(name));
    }

    private void register(ModelRow model, VersionRow version) {
        Map<String, String> files = new LinkedHashMap<>();
        versions.files(List.of(version.id())).forEach(f -> files.put(f.path(), f.sha256()));
        Path folder = store.materialize(generationName(model.slug(), version.slug()), files);
        catalog.register(folder);
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<ModelRow> listed = models.allListed();
        Map<String, ModelRow> byId = new LinkedHashMap<>();
        listed.forEach(m -> byId.put(m.id(), m));
        List<VersionRow> published = versions.publishedOf(byId.keySet());
        for (VersionRow version : published) {
            register(byId.get(version.modelId()), version);
        }
        if (!published.isEmpty()) {
            log.info("{} published model version(s) selectable for generation", published.size());
        }
    }
}
