package dev.easel.server;

import dev.easel.engine.cli.EaselCli;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code easel} launcher: the engine's commands plus {@code serve}. */
public final class EaselMain {
    private EaselMain() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CommandLine cli = EaselCli.commandLine(out, err);
        cli.addSubcommand("serve", new ServeCommand());
        int code = cli.execute(args);
        if (code != 0 || !ServeCommand.serving()) {
            System.exit(code);
        }
    }
}
