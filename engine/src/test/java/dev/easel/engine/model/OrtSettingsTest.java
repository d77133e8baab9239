package dev.easel.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.junit.jupiter.api.Test;

class OrtSettingsTest {
    @Test
    void spinningIsOnByDefaultAndCanBeTurnedOff() throws OrtException {
        try (SessionOptions spinning = OrtSettings.defaults().toSessionOptions();
                SessionOptions quiet =
                        OrtSettings.defaults().withSpinning(false).toSessionOptions()) {
            assertThat(spinning.getConfigEntries()).containsEntry("session.intra_op.allow_spinning", "1");
            assertThat(quiet.getConfigEntries()).containsEntry("session.intra_op.allow_spinning", "0");
        }
    }

    @Test
    void keepsOtherSettingsWhenOneChanges() {
        OrtSettings settings = OrtSettings.defaults().withIntraOpThreads(3).withSpinning(false);

        assertThat(settings.intraOpThreads()).isEqualTo(3);
        assertThat(settings.spinning()).isFalse();
        assertThat(settings.withIntraOpThreads(1).spinning()).isFalse();
    }

    @Test
    void defaultsSplitRowsOverOneSingleThreadedWorkerPerCore() {
        OrtSettings defaults = OrtSettings.defaults();

        assertThat(defaults.rowWorkers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.intraOpThreads()).isEqualTo(1);
        assertThat(defaults.withRowWorkers(3).withSpinning(false).rowWorkers()).isEqualTo(3);
        assertThat(defaults.withRowWorkers(3).intraOpThreads()).isEqualTo(1);
        assertThatThrownBy(() -> defaults.withRowWorkers(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row workers must be >= 1, got 0");
    }

    @Test
    void refusesNegativeThreadCounts() {
        assertThatThrownBy(() -> OrtSettings.defaults().withIntraOpThreads(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intra-op threads");
    }
}
