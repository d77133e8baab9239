package dev.easel.server.generation;

import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.ModelFolder;
import dev.easel.engine.model.OrtSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Loaded models, shared by leases. Loads on first use (concurrent first uses load once), keeps models within a
 * memory budget by evicting the least recently used idle ones, and never evicts a model that has a lease out.
 */
@Component
public class ModelPool implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ModelPool.class);
    /** Stack for threads that call into ONNX Runtime, whose graph optimizer can recurse deeply. */
    static final long NATIVE_STACK_BYTES = 32L << 20;

    private final ModelCatalog catalog;
    private final GenerationProperties properties;
    private final Map<String, Resident> resident = new LinkedHashMap<>();
    private final Counter loads;
    private final Counter hits;
    private final Counter evictions;
    private long tick;

    public ModelPool(ModelCatalog catalog, GenerationProperties properties, MeterRegistry meters) {
        this.catalog = catalog;
        this.properties = properties;
        this.loads = meters.counter("easel.models.loads");
        this.hits = meters.counter("easel.models.hits");
        this.evictions = meters.counter("easel.models.evictions");
        Gauge.builder("easel.models.resident.bytes", this, ModelPool::residentBytes)
                .register(meters);
    }

    /** A use of a loaded model; close it when the work is done so the model may be evicted. */
    public final class Lease implements AutoCloseable {
        private final Resident entry;
        private boolean closed;

        private Lease(Resident entry) {
            this.entry = entry;
        }

        public DiffusionModel model() {
            return entry.loading.join();
        }

        public String name() {
            return entry.name;
        }

        /** Content hash of the model's files (computed once per folder). */
        public String modelHash() {
            return entry.folder.sha256();
        }

        @Override
        public void close() {
            synchronized (ModelPool.this) {
                if (!closed) {
                    closed = true;
                    entry.leases--;
                    if (entry.forgotten && entry.leases == 0) {
                        closeLoaded(entry);
                    }
                    evictOverBudget();
                }
            }
        }
    }

    private static final class Resident {
        final String name;
        final ModelFolder folder;
        final long bytes;
        final CompletableFuture<DiffusionModel> loading = new CompletableFuture<>();
        int leases;
        long lastUse;
        /** Dropped by {@link #forget}: closed when its last lease closes. */
        boolean forgotten;

        Resident(String name, ModelFolder folder) {
            this.name = name;
            this.folder = folder;
            this.bytes = folder.weightBytes();
        }
    }

    /** Leases the named model, loading it if needed; a failed load propagates its {@code ModelException}. */
    public Lease acquire(String name) {
        Resident entry;
        boolean load = false;
        synchronized (this) {
            entry = resident.get(name);
            if (entry == null) {
                ModelCatalog.Entry model = catalog.resolve(name);
                entry = new Resident(name, model.folder());
                resident.put(name, entry);
                load = true;
            } else {
                hits.increment();
            }
            entry.leases++;
            entry.lastUse = ++tick;
        }
        if (load) {
            load(entry);
        }
        Lease lease = new Lease(entry);
        try {
            lease.model();
            return lease;
        } catch (RuntimeException e) {
            lease.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Drops a loaded model whose folder is going away (a deleted or withdrawn community model), so a later model under
     * the same name loads afresh. One in use stays with its leases and is closed when the last one closes.
     */
    public synchronized void forget(String name) {
        Resident entry = resident.remove(name);
        if (entry == null) {
            return;
        }
        entry.forgotten = true;
        if (entry.leases == 0) {
            closeLoaded(entry);
        }
    }

    private static void closeLoaded(Resident entry) {
        if (entry.loading.isDone() && !entry.loading.isCompletedExceptionally()) {
            entry.loading.join().close();
        }
    }

    public synchronized List<String> residentModels() {
        return List.copyOf(resident.keySet());
    }

    public synchronized long residentBytes() {
        return resident.values().stream().mapToLong(r -> r.bytes).sum();
    }

    private void load(Resident entry) {
        try {
            DiffusionModel model = loadOnLargeStack(entry.folder);
            loads.increment();
            log.info("loaded model {} ({} MB)", entry.name, entry.bytes >> 20);
            entry.loading.complete(model);
            synchronized (this) {
                evictOverBudget();
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                resident.remove(entry.name, entry); // not a newer entry made after forget()
            }
            entry.loading.completeExceptionally(e);
        }
    }

    private DiffusionModel loadOnLargeStack(ModelFolder folder) {
        OrtSettings settings = OrtSettings.defaults()
                .withIntraOpThreads(properties.intraOpThreads())
                .withRowWorkers(properties.rowWorkers())
                .withSpinning(properties.ortSpinning());
        CompletableFuture<DiffusionModel> loaded = new CompletableFuture<>();
        Thread.ofPlatform()
                .name("easel-model-load")
                .stackSize(NATIVE_STACK_BYTES)
                .start(() -> {
                    try {
                        loaded.complete(DiffusionModel.load(folder, settings));
                    } catch (RuntimeException e) {
                        loaded.completeExceptionally(e);
                    }
                });
        try {
            return loaded.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void evictOverBudget() {
        while (residentBytes() > properties.modelMemoryBytes()) {
            Resident victim = resident.values().stream()
                    .filter(r -> r.leases == 0 && r.loading.isDone())
                    .min(Comparator.comparingLong(r -> r.lastUse))
                    .orElse(null);
            if (victim == null) {
                return; // everything resident is in use; over budget until a lease closes
            }
            resident.remove(victim.name);
            evictions.increment();
            log.info("evicted model {} to stay within the memory budget", victim.name);
            if (!victim.loading.isCompletedExceptionally()) {
                victim.loading.join().close();
            }
        }
    }

    @Override
    public synchronized void destroy() {
        for (Resident entry : resident.values()) {
            if (entry.loading.isDone() && !entry.loading.isCompletedExceptionally()) {
                entry.loading.join().close();
            }
        }
        resident.clear();
    }
}
