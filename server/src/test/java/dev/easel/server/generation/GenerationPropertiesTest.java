package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GenerationPropertiesTest {
    private static GenerationProperties threads(Integer intraOpThreads, Integer rowWorkers) {
        return new GenerationProperties(
                null, null, null, null, null, null, null, null, null, intraOpThreads, rowWorkers, null, null);
    }

    @Test
    void onnxRuntimeRunsOneSingleThreadedRowWorkerPerCoreByDefault() {
        GenerationProperties defaults = threads(null, null);

        assertThat(defaults.rowWorkers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.intraOpThreads()).isEqualTo(1);
        assertThat(defaults.maxBatch()).isEqualTo(8);
        assertThat(threads(0, 1).intraOpThreads()).isZero();
    }

    @Test
    void badThreadSettingsNameTheProperty() {
        assertThatThrownBy(() -> threads(null, 0)).hasMessage("easel.generation.row-workers must be at least 1, got 0");
        assertThatThrownBy(() -> threads(-1, null))
                .hasMessage("easel.generation.intra-op-threads must be 0 (one per core) or more, got -1");
    }
}
