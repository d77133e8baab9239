package dev.easel.engine.image;

/**
 * Separable Lanczos (a = 3) resampling of 8-bit RGB, the filter A1111 uses for "Just resize". When shrinking, the
 * filter is widened by the scale factor so that every source pixel contributes (antialiasing), like Pillow does.
 */
final class LanczosResampler {
    private static final int LOBES = 3;
    private static final int CHANNELS = 3;

    private LanczosResampler() {}

    static byte[] resize(byte[] rgb, int width, int height, int newWidth, int newHeight) {
        Taps columns = Taps.of(width, newWidth);
        Taps rows = Taps.of(height, newHeight);
        // Horizontal pass: newWidth x height, kept in float so the second pass rounds only once.
        float[] wide = new float[newWidth * height * CHANNELS];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < newWidth; x++) {
                for (int c = 0; c < CHANNELS; c++) {
                    float sum = 0;
                    for (int k = 0; k < columns.count[x]; k++) {
                        int source = (y * width + columns.first[x] + k) * CHANNELS + c;
                        sum += columns.weights[x][k] * (rgb[source] & 0xFF);
                    }
                    wide[(y * newWidth + x) * CHANNELS + c] = sum;
                }
            }
        }
        byte[] out = new byte[newWidth * newHeight * CHANNELS];
        for (int y = 0; y < newHeight; y++) {
            for (int x = 0; x < newWidth; x++) {
                for (int c = 0; c < CHANNELS; c++) {
                    float sum = 0;
                    for (int k = 0; k < rows.count[y]; k++) {
                        sum += rows.weights[y][k] * wide[((rows.first[y] + k) * newWidth + x) * CHANNELS + c];
                    }
                    out[(y * newWidth + x) * CHANNELS + c] = (byte) Math.clamp(Math.round(sum), 0, 255);
                }
            }
        }
        return out;
    }

    /** For each output position along one axis: the first source index, how many follow, and their weights. */
    private static final class Taps {
        private final int[] first;
        private final int[] count;
        private final float[][] weights;

        private Taps(int[] first, int[] count, float[][] weights) {
            this.first = first;
            this.count = count;
            this.weights = weights;
        }

        static Taps of(int sourceSize, int targetSize) {
            double scale = (double) sourceSize / targetSize;
            double filterScale = Math.max(scale, 1.0);
            double support = LOBES * filterScale;
            int[] first = new int[targetSize];
            int[] count = new int[targetSize];
            float[][] weights = new float[targetSize][];
            for (int i = 0; i < targetSize; i++) {
                double center = (i + 0.5) * scale;
                int from = Math.max((int) (center - support + 0.5), 0);
                int to = Math.min((int) (center + support + 0.5), sourceSize);
                double[] raw = new double[to - from];
                double total = 0;
                for (int k = 0; k < raw.length; k++) {
                    raw[k] = lanczos((from + k + 0.5 - center) / filterScale);
                    total += raw[k];
                }
                weights[i] = new float[raw.length];
                for (int k = 0; k < raw.length; k++) {
                    weights[i][k] = (float) (raw[k] / total);
                }
                first[i] = from;
                count[i] = raw.length;
            }
            return new Taps(first, count, weights);
        }
    }

    private static double lanczos(double x) {
        if (x == 0) {
            return 1;
        }
        if (Math.abs(x) >= LOBES) {
            return 0;
        }
        double px = Math.PI * x;
        return LOBES * Math.sin(px) * Math.sin(px / LOBES) / (px * px);
    }
}
