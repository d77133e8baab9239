package dev.easel.engine.cli;

import dev.easel.engine.InvalidRequestException;
import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.OrtSettings;
import dev.easel.engine.pipeline.GeneratedImage;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.Generator;
import dev.easel.engine.pipeline.RequestLimits;
import dev.easel.engine.scheduler.Sampler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code easel generate PROMPT ...}: writes PNGs with A1111 metadata. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate images from a prompt.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROMPT", description = "What to draw.")
    String prompt;

    @Option(names = "--negative", paramLabel = "TEXT", description = "What to steer away from.", defaultValue = "")
    String negative;

    @Option(names = "-n", paramLabel = "N", description = "Images to make, 1-16 (default ${DEFAULT-VALUE}).")
    int count = 1;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the first image; -1 = random (default).")
    long seed = -1;

    @Option(names = "--steps", paramLabel = "K", description = "Denoising steps, 1-150 (default ${DEFAULT-VALUE}).")
    int steps = 20;

    @Option(
            names = "--cfg",
            paramLabel = "X",
            description = "Guidance scale; <= 1 turns guidance off (default ${DEFAULT-VALUE}).")
    double cfg = 7;

    @Option(
            names = "--sampler",
            paramLabel = "NAME",
            description = "Euler, Euler a, DDIM, DPM++ 2M, DPM++ 2M Karras or LCM (default ${DEFAULT-VALUE}).")
    String sampler = "Euler a";

    @Option(
            names = "--width",
            paramLabel = "W",
            description = "Image width in pixels (default: the model's native size).")
    Integer width;

    @Option(
            names = "--height",
            paramLabel = "H",
            description = "Image height in pixels (default: the model's native size).")
    Integer height;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description = "Model folder in the diffusers ONNX layout (default: the bundled demo model).")
    Path model;

    @Option(names = "--init", paramLabel = "IMAGE", description = "Init image (PNG or JPEG) for image-to-image.")
    Path init;

    @Option(
            names = "--strength",
            paramLabel = "F",
            description = "How much of the init image to repaint, 0-1 (default ${DEFAULT-VALUE}).")
    double strength = 0.75;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Output folder (default ${DEFAULT-VALUE}).")
    Path output = Path.of("outputs");

    @Option(
            names = "--threads",
            paramLabel = "T",
            description = "ONNX Runtime threads per call (default ${DEFAULT-VALUE}); 0 = one per core.")
    int threads = OrtSettings.defaults().intraOpThreads();

    @Option(
            names = "--row-workers",
            paramLabel = "W",
            description = "Calls at once that the rows of a batch (and CFG's two rows of an image) are split into, each"
                    + " on its own thread (default: one per core).")
    int rowWorkers = OrtSettings.defaults().rowWorkers();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 0) {
            throw new InvalidRequestException("--threads must be 0 (one per core) or more, got " + threads);
        }
        if (rowWorkers < 1) {
            throw new InvalidRequestException("--row-workers must be at least 1, got " + rowWorkers);
        }
        Path modelDir = model != null
                ? model
                : DefaultModel.find()
                        .orElseThrow(() -> new InvalidRequestException(
                                "--model: no model folder given and the bundled demo model (models/" + DefaultModel.NAME
                                        + ") was not found"));
        Sampler chosen = Sampler.fromName(sampler);
        Optional<RgbImage> initImage = Optional.ofNullable(init).map(GenerateCommand::readInit);
        try (DiffusionModel loaded = DiffusionModel.load(
                modelDir, OrtSettings.defaults().withIntraOpThreads(threads).withRowWorkers(rowWorkers))) {
            int side = NativeSize.of(loaded);
            GenerationRequest request = new GenerationRequest(
                    prompt,
                    negative,
                    width == null ? side : width,
                    height == null ? side : height,
                    steps,
                    cfg,
                    chosen,
                    seed,
                    count,
                    initImage,
                    strength);
            RequestLimits.check(request, loaded);
            List<GeneratedImage> images;
            try (ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName("generating")
                    .setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build()) {
                images = new Generator(loaded).generate(request, (done, total) -> {
                    bar.maxHint(total);
                    bar.stepTo(done);
                });
            }
            for (Path written : ImageFiles.write(output, images)) {
                spec.commandLine().getOut().println(written);
            }
            images.stream()
                    .filter(GeneratedImage::nsfw)
                    .findAny()
                    .ifPresent(
                            i -> err.println("easel: the model's safety checker flagged at least one image as NSFW"));
        }
        return 0;
    }

    private static RgbImage readInit(Path file) {
        try {
            return PngImages.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidRequestException("--init: cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** Writes PNGs as NNNNN-SEED.png, numbering on from what the folder already holds. */
    static final class ImageFiles {
        private ImageFiles() {}

        static List<Path> write(Path dir, List<GeneratedImage> images) {
            try {
                Files.createDirectories(dir);
                int next;
                try (var existing = Files.list(dir)) {
                    next = (int) existing.filter(p -> p.getFileName().toString().endsWith(".png"))
                            .count();
                }
                List<Path> written = new ArrayList<>();
                for (GeneratedImage image : images) {
                    Path file = dir.resolve(String.format("%05d-%d.png", next++, image.seed()));
                    Files.write(file, image.png());
                    written.add(file);
                }
                return written;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write images to " + dir, e);
            }
        }
    }
}
