package dev.easel.engine.scheduler;

/** What the UNet predicts, as named by {@code prediction_type} in scheduler_config.json. */
public enum PredictionType {
    /** The added noise (SD 1.x, SD-Turbo, LCM). */
    EPSILON("epsilon"),
    /** The velocity alpha*eps - sigma*x0 (SD 2.x 768). */
    V_PREDICTION("v_prediction"),
    /** The clean sample itself. */
    SAMPLE("sample");

    private final String configName;

    PredictionType(String configName) {
        this.configName = configName;
    }

    /** The value of {@code prediction_type} in scheduler_config.json. */
    public String configName() {
        return configName;
    }

    /**
     * The model's estimate of the clean sample x0. The noisy sample the model saw is {@code sampleScale * sample} and
     * equals {@code alpha * x0 + sigma * eps}: variance-preserving samplers pass scale 1, k-diffusion samplers (whose
     * samples are x0 + s*eps) pass the 1/sqrt(s^2+1) that scaleModelInput applied.
     */
    float[] originalSample(float[] modelOutput, float[] sample, double sampleScale, double alpha, double sigma) {
        double sampleCoefficient =
                switch (this) {
                    case EPSILON -> sampleScale / alpha;
                    case V_PREDICTION -> sampleScale * alpha;
                    case SAMPLE -> 0;
                };
        double outputCoefficient =
                switch (this) {
                    case EPSILON -> -sigma / alpha;
                    case V_PREDICTION -> -sigma;
                    case SAMPLE -> 1;
                };
        float[] x0 = new float[sample.length];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = (float) (sampleCoefficient * sample[i] + outputCoefficient * modelOutput[i]);
        }
        return x0;
    }
}
