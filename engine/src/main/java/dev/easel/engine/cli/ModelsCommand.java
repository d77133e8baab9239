package dev.easel.engine.cli;

import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.InvalidModelException;
import dev.easel.engine.model.OrtSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code easel models check DIR}: reports everything wrong with a model folder. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Inspect model folders.",
        subcommands = ModelsCommand.Check.class)
final class ModelsCommand {

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Check that a model folder loads and its parts fit.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "Model folder in the diffusers ONNX layout.")
        Path dir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (DiffusionModel model = DiffusionModel.load(dir, OrtSettings.defaults())) {
                out.printf("%s: OK%n", dir);
                out.printf(
                        "  text width %d, latent channels %d, VAE factor %d, scaling %.5f%n",
                        model.textEncoder().width(),
                        model.unet().channels(),
                        model.vaeConfig().scaleFactor(),
                        model.vaeConfig().scalingFactor());
                out.printf(
                        "  timestep batched: %s, prediction: %s, image-to-image: %s, safety checker: %s%n",
                        model.unet().batchesTimesteps(),
                        model.schedulerConfig().predictionType(),
                        model.vaeEncoder().isPresent(),
                        model.safetyChecker().isPresent());
                out.printf(
                        "  weights %.1f MB, hash %s%n",
                        model.folder().weightBytes() / 1e6, model.folder().shortHash());
                return 0;
            } catch (InvalidModelException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("%s: %d problem(s)%n", dir, e.problems().size());
                e.problems().forEach(p -> err.println("  " + p));
                return 1;
            }
        }
    }
}
