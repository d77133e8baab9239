package dev.easel.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.easel.trainer.data.CaptionGenerator;
import dev.easel.trainer.data.Emoji;
import dev.easel.trainer.data.EmojiPackage;
import dev.easel.trainer.data.ImageData;
import dev.easel.trainer.export.LossCurve;
import dev.easel.trainer.export.ModelCard;
import dev.easel.trainer.export.ModelFolderWriter;
import dev.easel.trainer.graph.ParameterMaps;
import dev.easel.trainer.net.TextEncoder;
import dev.easel.trainer.net.UNet;
import dev.easel.trainer.net.VaeDecoder;
import dev.easel.trainer.net.VaeEncoder;
import dev.easel.trainer.preview.PreviewSampler;
import dev.easel.trainer.text.BpeLearner;
import dev.easel.trainer.text.BpeTokenizer;
import dev.easel.trainer.train.AutoencoderTask;
import dev.easel.trainer.train.DiffusionTask;
import dev.easel.trainer.train.TrainingLoop;
import dev.easel.trainer.train.TrainingLoop.TrainingReport;
import dev.easel.trainer.train.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the demo model from scratch and exports it: fetch the emoji package, learn the tokenizer, train the
 * autoencoder, encode the images, train text encoder + UNet, write the model folder with its card. Every phase
 * resumes from its checkpoint in the work folder, so re-running after an interruption continues where it stopped.
 *
 * <p>Options (all optional): {@code --work=DIR --out=DIR --seed=N --ae-steps=N --unet-steps=N}.
 */
public final class TrainAll {

    public static final int IMAGE_SIZE = 64;
    public static final VaeEncoder VAE_ENCODER = new VaeEncoder(new int[] {16, 32, 64}, 4);
    public static final VaeDecoder VAE_DECODER = new VaeDecoder(new int[] {16, 32, 64}, 4);
    public static final int TEXT_DIM = 128;
    public static final UNet UNET = new UNet(4, new int[] {64, 128}, TEXT_DIM, 4, 256);
    public static final List<String> PREVIEW_PROMPTS = List.of(
            "red heart",
            "blue heart",
            "green apple",
            "grinning face",
            "smiling face with sunglasses",
            "flag of japan",
            "thumbs up sign with dark skin tone",
            "car");
    public static final float PREVIEW_GUIDANCE = 3f;

    private TrainAll() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        Path work = Path.of(options.getOrDefault("work", "trainer/work"));
        Path out = Path.of(options.getOrDefault("out", "models/easel-emoji"));
        long seed = Long.parseLong(options.getOrDefault("seed", "20261122"));
        int aeSteps = Integer.parseInt(options.getOrDefault("ae-steps", "1200"));
        int unetSteps = Integer.parseInt(options.getOrDefault("unet-steps", "5000"));
        Files.createDirectories(work);

        Path packageFolder = EmojiPackage.fetch(work.resolve("emoji-datasource-google"));
        List<Emoji> emojis = EmojiPackage.read(packageFolder);
        System.out.printf("data: %d images from %s%n", emojis.size(), EmojiPackage.PACKAGE);
        BpeTokenizer tokenizer = learnTokenizer(emojis);
        System.out.printf("tokenizer: %d tokens%n", tokenizer.vocabSize());
        List<float[]> images = new ArrayList<>();
        for (Emoji e : emojis) {
            images.add(ImageData.load(
                    packageFolder.resolve(EmojiPackage.IMAGE_FOLDER).resolve(e.image()), IMAGE_SIZE));
        }

        try (NDManager manager = NDManager.newBaseManager()) {
            AutoencoderTask autoencoder = new AutoencoderTask(
                    VAE_ENCODER, VAE_DECODER, manager, images, new TrainingSettings(aeSteps, 16, 2e-3f, seed));
            TrainingReport aeReport = TrainingLoop.run(autoencoder, work.resolve("autoencoder.ckpt"), 180, System.out);

            List<float[]> latents = new ArrayList<>();
            for (int i = 0; i < images.size(); i += 64) {
                try (NDScope scope = new NDScope()) {
                    latents.addAll(autoencoder.encode(images.subList(i, Math.min(images.size(), i + 64))));
                    scope.suppressNotUsedWarning();
                }
            }
            float scalingFactor = (float) (1 / standardDeviation(latents));
            System.out.printf("latents: scaling factor %.5f%n", scalingFactor);
            for (float[] z : latents) {
                for (int k = 0; k < z.length; k++) {
                    z[k] *= scalingFactor;
                }
            }

            TextEncoder textEncoder = new TextEncoder(tokenizer.vocabSize(), TEXT_DIM, 2, 4, BpeTokenizer.MAX_LENGTH);
            DiffusionTask diffusion = new DiffusionTask(
                    new DiffusionTask.Networks(textEncoder, UNET),
                    manager,
                    emojis,
                    latents,
                    tokenizer,
                    new TrainingSettings(unetSteps, 32, 5e-4f, seed),
                    0.999f);
            TrainingReport unetReport = TrainingLoop.run(diffusion, work.resolve("diffusion.ckpt"), 180, System.out);

            ModelFolderWriter.write(
                    out,
                    new ModelFolderWriter.TrainedModel(
                            textEncoder,
                            ParameterMaps.toHeap(diffusion.averaged("text_encoder")),
                            UNET,
                            ParameterMaps.toHeap(diffusion.averaged("unet")),
                            VAE_ENCODER,
                            ParameterMaps.toHeap(autoencoder.encoderParameters()),
                            VAE_DECODER,
                            ParameterMaps.toHeap(autoencoder.decoderParameters()),
                            tokenizer,
                            scalingFactor,
                            IMAGE_SIZE));
            LossCurve.write(
                    out.resolve("loss_curve.png"),
                    List.of(
                            new LossCurve.Series("autoencoder L1 + latent L2", aeReport.losses()),
                            new LossCurve.Series("diffusion v-MSE", unetReport.losses())));
            try (PreviewSampler sampler = new PreviewSampler(out)) {
                sampler.writeGrid(
                        out.resolve("preview.png"), PREVIEW_PROMPTS, new long[] {1, 2, 3, 4}, 20, PREVIEW_GUIDANCE);
            }
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("seed", seed);
            stats.put("images", emojis.size());
            stats.put("vocab_size", tokenizer.vocabSize());
            stats.put("scaling_factor", scalingFactor);
            stats.put("autoencoder", phase(aeReport));
            stats.put("diffusion", phase(unetReport));
            stats.put("total_cpu_minutes", Math.round((aeReport.cpuSeconds() + unetReport.cpuSeconds()) / 60));
            stats.put("total_wall_minutes", Math.round((aeReport.wallSeconds() + unetReport.wallSeconds()) / 60));
            Map<String, Object> sizes = new LinkedHashMap<>();
            sizes.put("text_encoder", count(diffusion.averaged("text_encoder")));
            sizes.put("unet", count(diffusion.averaged("unet")));
            sizes.put("vae_encoder", count(autoencoder.encoderParameters()));
            sizes.put("vae_decoder", count(autoencoder.decoderParameters()));
            stats.put("parameters", sizes);
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("training.json").toFile(), stats);
            ModelCard.write(out, stats);
            System.out.println("model written to " + out.toAbsolutePath());
        }
    }

    /** Byte-level BPE merges from every phrase a caption can contain (counted once per image). */
    static BpeTokenizer learnTokenizer(List<Emoji> emojis) {
        Map<String, Integer> counts = new HashMap<>();
        for (Emoji e : emojis) {
            for (String phrase : CaptionGenerator.allPhrases(e)) {
                counts.merge(phrase, 1, Integer::sum);
            }
        }
        return new BpeTokenizer(BpeLearner.learn(counts, 4000, 2));
    }

    private static double standardDeviation(List<float[]> latents) {
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (float[] z : latents) {
            for (float v : z) {
                sum += v;
                squares += (double) v * v;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(squares / n - mean * mean);
    }

    private static Map<String, Object> phase(TrainingReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", report.steps());
        m.put("cpu_seconds", Math.round(report.cpuSeconds()));
        m.put("wall_seconds", Math.round(report.wallSeconds()));
        List<Float> losses = report.losses();
        m.put("final_loss", average(losses.subList(Math.max(0, losses.size() - 200), losses.size())));
        m.put("skipped_steps", losses.stream().filter(v -> !Float.isFinite(v)).count());
        return m;
    }

    private static long count(Map<String, NDArray> parameters) {
        return parameters.values().stream().mapToLong(NDArray::size).sum();
    }

    private static double average(List<Float> values) {
        double mean = values.stream()
                .filter(Float::isFinite)
                .mapToDouble(Float::doubleValue)
                .average()
                .orElse(Double.NaN);
        return Math.round(mean * 10000) / 10000.0;
    }
}
