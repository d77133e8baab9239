package dev.easel.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the bundled demo model: {@code $EASEL_HOME/models/easel-emoji}, else {@code ./models/easel-emoji}. */
final class DefaultModel {
    static final String NAME = "easel-emoji";

    private DefaultModel() {}

    static Optional<Path> find() {
        String home = System.getProperty("easel.home", System.getenv("EASEL_HOME"));
        Path base = home == null ? Path.of("") : Path.of(home);
        Path model = base.resolve("models").resolve(NAME);
        return Files.isDirectory(model) ? Optional.of(model) : Optional.empty();
    }
}
