package dev.easel.server.compat;

import dev.easel.engine.model.ModelFolder;
import dev.easel.engine.pipeline.RequestLimits;
import dev.easel.engine.scheduler.Sampler;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.FieldException;
import dev.easel.server.generation.Base64Images;
import dev.easel.server.generation.GenerationSubmission;
import dev.easel.server.generation.InitImage;
import dev.easel.server.generation.ModelCatalog;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * An A1111 txt2img or img2img request, checked and turned into a submission.
 *
 * @param parameters the request with A1111's defaults filled in, echoed as the response's {@code parameters}
 * @param batchSize images per batch; A1111 runs {@code n_iter} batches, Easel all of them as one job
 */
record A1111Request(
        Map<String, Object> parameters,
        ModelCatalog.Entry model,
        GenerationSubmission submission,
        int batchSize,
        boolean sendImages) {

    static A1111Request parse(ObjectNode body, boolean img2img, A1111Checkpoints checkpoints, UserAccount user) {
        JsonFields fields = new JsonFields(body);
        Map<String, Object> p = A1111Fields.withDefaults(fields, img2img ? A1111Fields.IMG2IMG : A1111Fields.TXT2IMG);
        Sampler sampler = A1111Samplers.resolve(
                (String) p.get("sampler_name"), (String) p.get("sampler_index"), (String) p.get("scheduler"));
        if (p.get("sampler_name") == null) {
            p.put("sampler_name", sampler.displayName());
        }
        ModelCatalog.Entry model = model(fields, checkpoints, user);

        int batchSize = (Integer) p.get("batch_size");
        int nIter = (Integer) p.get("n_iter");
        int count = imageCount(batchSize, nIter);
        int width = side("width", (Integer) p.get("width"));
        int height = side("height", (Integer) p.get("height"));
        double cfgScale = (Double) p.get("cfg_scale");
        if (!(cfgScale >= 0 && cfgScale <= RequestLimits.MAX_CFG)) {
            throw new FieldException(
                    "cfg_scale", "cfg_scale must be between 0 and " + RequestLimits.MAX_CFG + ", got " + cfgScale);
        }
        InitImage initImage = null;
        double strength = 0;
        if (img2img) {
            initImage = initImage(p, model);
            strength = (Double) p.get("denoising_strength");
            if (!(strength >= 0 && strength <= 1)) {
                throw new FieldException(
                        "denoising_strength", "denoising_strength must be between 0 and 1, got " + strength);
            }
            if (!(Boolean) p.get("include_init_images")) {
                // A1111 leaves the (large) init images out of the echo unless asked to include them.
                p.put("init_images", null);
                p.put("mask", null);
            }
        }
        GenerationSubmission submission = new GenerationSubmission(
                model.name(),
                (String) p.get("prompt"),
                (String) p.get("negative_prompt"),
                width,
                height,
                (Integer) p.get("steps"),
                cfgScale,
                sampler.displayName(),
                (Long) p.get("seed"),
                count,
                initImage,
                strength,
                0);
        return new A1111Request(p, model, submission, batchSize, (Boolean) p.get("send_images"));
    }

    private static ModelCatalog.Entry model(JsonFields fields, A1111Checkpoints checkpoints, UserAccount user) {
        JsonFields overrides = fields.object("override_settings");
        String checkpoint = overrides == null ? null : overrides.string("sd_model_checkpoint");
        if (checkpoint == null || checkpoint.isBlank()) {
            return checkpoints.defaultEntry(user);
        }
        return checkpoints.resolve(checkpoint, overrides.path("sd_model_checkpoint"));
    }

    private static int imageCount(int batchSize, int nIter) {
        if (batchSize < 1) {
            throw new FieldException("batch_size", "batch_size must be at least 1, got " + batchSize);
        }
        if (nIter < 1) {
            throw new FieldException("n_iter", "n_iter must be at least 1, got " + nIter);
        }
        long count = (long) batchSize * nIter;
        if (count > RequestLimits.MAX_IMAGES) {
            throw new FieldException(
                    "batch_size",
                    "batch_size × n_iter must be at most " + RequestLimits.MAX_IMAGES + " images, got " + batchSize
                            + " × " + nIter + " = " + count);
        }
        return (int) count;
    }

    /** Zero would mean "the model's native size" to the generation service; A1111 has no such value. */
    private static int side(String field, int pixels) {
        if (pixels < 1) {
            throw new FieldException(field, field + " must be a positive number of pixels, got " + pixels);
        }
        return pixels;
    }

    @SuppressWarnings("unchecked")
    private static InitImage initImage(Map<String, Object> p, ModelCatalog.Entry model) {
        List<String> images = (List<String>) p.get("init_images");
        if (images == null || images.isEmpty()) {
            throw new FieldException("init_images", "init_images: one base64 PNG or JPEG image is required");
        }
        if (images.size() > 1) {
            throw new FieldException(
                    "init_images",
                    "init_images: only one init image is supported, got " + images.size()
                            + "; send one request per init image");
        }
        if (!model.folder().exists(ModelFolder.VAE_ENCODER)) {
            throw new FieldException(
                    "init_images",
                    "init_images: model " + model.name() + " has no vae_encoder, so it cannot do img2img");
        }
        // Read (header first, then pixels) by the generation service, once the job passed its checks and limits.
        return new InitImage("init_images[0]", Base64Images.decode("init_images[0]", images.get(0)));
    }
}
