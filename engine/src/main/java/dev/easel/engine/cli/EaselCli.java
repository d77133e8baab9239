package dev.easel.engine.cli;

import dev.easel.engine.InvalidRequestException;
import dev.easel.engine.ModelException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code easel} command line. */
@Command(
        name = "easel",
        mixinStandardHelpOptions = true,
        version = "easel 0.1.0",
        description = "Generate images with Stable-Diffusion-family ONNX models.",
        subcommands = {GenerateCommand.class, ModelsCommand.class})
public final class EaselCli {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code: 0 done, 1 failed, 2 bad arguments. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /** The configured command line; the server adds its {@code serve} command to it. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new EaselCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidRequestException || e instanceof IllegalArgumentException) {
                err.println("easel: " + e.getMessage());
                return 2;
            }
            if (e instanceof ModelException) {
                err.println("easel: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }
}
