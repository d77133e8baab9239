package dev.easel.trainer.train;

/** Linear warm-up, then cosine decay to a tenth of the peak at the last step. */
public record LearningRate(float peak, int warmup, int total) {

    public float at(int step) {
        if (step < warmup) {
            return peak * (step + 1) / warmup;
        }
        double progress = (double) (step - warmup) / Math.max(1, total - warmup);
        return (float) (peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)))));
    }
}
