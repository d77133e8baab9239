package dev.easel.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeededNoiseTest {

    @Test
    void sameSeedGivesSameStreamHoweverItIsChunked() {
        float[] whole = new SeededNoise(1234).gaussian(10);
        SeededNoise chunked = new SeededNoise(1234);
        float[] first = chunked.gaussian(3);
        float[] rest = chunked.gaussian(7);

        assertThat(first).containsExactly(Arrays.copyOfRange(whole, 0, 3));
        assertThat(rest).containsExactly(Arrays.copyOfRange(whole, 3, 10));
    }

    @Test
    void followsTheSpecifiedJavaUtilRandomAlgorithm() {
        // java.util.Random's LCG and polar method are specified, so this value holds on every JVM.
        assertThat(new SeededNoise(42).gaussian(1)[0]).isEqualTo((float) 1.1419053154730547);
        Random random = new Random(-7);
        float[] values = new SeededNoise(-7).gaussian(5);
        for (float value : values) {
            assertThat(value).isEqualTo((float) random.nextGaussian());
        }
    }

    @Test
    void differentSeedsDiffer() {
        assertThat(new SeededNoise(1).gaussian(8)).isNotEqualTo(new SeededNoise(2).gaussian(8));
    }

    @Test
    void valuesAreStandardNormal() {
        float[] values = new SeededNoise(99).gaussian(50_000);
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double variance = 0;
        for (float v : values) {
            variance += (v - mean) * (v - mean);
        }
        variance /= values.length;

        assertThat(mean).isBetween(-0.02, 0.02);
        assertThat(variance).isBetween(0.97, 1.03);
    }
}
