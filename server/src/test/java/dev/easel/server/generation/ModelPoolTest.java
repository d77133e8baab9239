package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.engine.ModelException;
import dev.easel.engine.model.ModelFolder;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.EaselProperties;
import dev.easel.server.api.NotFoundException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPoolTest {
    @TempDir
    Path dir;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private ModelPool pool(long budgetBytes) {
        TinyModels.write(dir.resolve("models/a"), TinyModelSpec.defaults());
        TinyModels.write(dir.resolve("models/b"), TinyModelSpec.defaults().withWeightSeed(7));
        EaselProperties paths = new EaselProperties(dir.resolve("data"), dir.resolve("models"), null);
        GenerationProperties settings =
                new GenerationProperties(null, null, null, null, null, budgetBytes, null, null, null, 1, 1, null, null);
        return new ModelPool(new ModelCatalog(paths), settings, meters);
    }

    private double count(String name) {
        return meters.counter(name).count();
    }

    @Test
    void concurrentFirstUsesLoadOnce() throws Exception {
        ModelPool pool = pool(1L << 30);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ModelPool.Lease>> leases = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                leases.add(threads.submit(() -> {
                    start.await();
                    return pool.acquire("a");
                }));
            }
            start.countDown();
            for (Future<ModelPool.Lease> lease : leases) {
                assertThat(lease.get().model().name()).isEqualTo("a");
                lease.get().close();
            }
        }
        assertThat(count("easel.models.loads")).isEqualTo(1);
        assertThat(count("easel.models.hits")).isEqualTo(5);
        pool.destroy();
    }

    @Test
    void evictsTheLeastRecentlyUsedIdleModelButNeverOneInUse() {
        ModelPool pool = pool(1); // a budget smaller than any model: only leases keep models resident
        try (ModelPool.Lease a = pool.acquire("a")) {
            try (ModelPool.Lease b = pool.acquire("b")) {
                // Both are in use: over budget, but neither may go.
                assertThat(pool.residentModels()).containsExactlyInAnyOrder("a", "b");
                assertThat(count("easel.models.evictions")).isZero();
                assertThat(b.model().name()).isEqualTo("b");
            }
            // b is idle now and a is still in use: b goes.
            assertThat(pool.residentModels()).containsExactly("a");
            assertThat(a.model().unet().channels()).isEqualTo(4);
        }
        assertThat(pool.residentModels()).isEmpty();
        assertThat(count("easel.models.evictions")).isEqualTo(2);
        assertThat(meters.get("easel.models.resident.bytes").gauge().value()).isZero();
        pool.destroy();
    }

    @Test
    void aForgottenModelStaysWithItsLeaseAndTheNextUseLoadsAfresh() {
        ModelPool pool = pool(1L << 30);
        try (ModelPool.Lease old = pool.acquire("a")) {
            pool.forget("a");
            assertThat(pool.residentModels()).isEmpty();
            assertThat(old.model().unet().channels())
                    .as("the lease still holds it")
                    .isEqualTo(4);
            try (ModelPool.Lease fresh = pool.acquire("a")) {
                assertThat(fresh.model()).isNotSameAs(old.model());
            }
        }
        assertThat(count("easel.models.loads")).isEqualTo(2);
        assertThat(pool.residentModels()).containsExactly("a");
        pool.forget("a");
        pool.forget("never-loaded");
        assertThat(pool.residentModels()).isEmpty();
        pool.destroy();
    }

    @Test
    void leastRecentlyUsedGoesFirst() {
        TinyModels.write(dir.resolve("models/c"), TinyModelSpec.defaults().withWeightSeed(9));
        long size = new ModelFolder(dir.resolve("models/c")).weightBytes();
        ModelPool pool = pool(2 * size + size / 2); // room for two models
        pool.acquire("a").close();
        pool.acquire("b").close();
        pool.acquire("a").close(); // a is now more recent than b
        pool.acquire("c").close();
        assertThat(pool.residentModels()).containsExactlyInAnyOrder("a", "c");
        assertThat(count("easel.models.evictions")).isEqualTo(1);
        pool.destroy();
    }

    @Test
    void unknownAndBrokenModelsFailClearly() throws IOException {
        ModelPool pool = pool(1L << 30);
        assertThatThrownBy(() -> pool.acquire("nope")).isInstanceOf(NotFoundException.class);
        Files.delete(dir.resolve("models/b/unet/model.onnx"));
        assertThatThrownBy(() -> pool.acquire("b"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("unet/model.onnx: missing");
        assertThat(pool.residentModels()).isEmpty();
        pool.destroy();
    }
}
