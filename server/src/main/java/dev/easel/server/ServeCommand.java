package dev.easel.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code easel serve}: starts the server; flags become Spring properties, which also work on their own. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the generation server.")
final class ServeCommand implements Callable<Integer> {
    private static final AtomicBoolean SERVING = new AtomicBoolean();

    @Option(names = "--port", paramLabel = "P", description = "HTTP port (default 7860).")
    Integer port;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Data folder: database, images, files (default ./data).")
    Path data;

    @Option(names = "--models", paramLabel = "DIR", description = "Folder of model folders (default ./models).")
    Path models;

    @Option(
            names = "--max-batch",
            paramLabel = "N",
            description = "Samples per UNet call; 1 = one at a time (default 8).")
    Integer maxBatch;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            description = "Database URL, e.g. jdbc:postgresql://host/easel (default: H2 under the data folder).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "Database password.")
    String dbPassword;

    static boolean serving() {
        return SERVING.get();
    }

    @Override
    public Integer call() {
        Map<String, Object> properties = new LinkedHashMap<>();
        put(properties, "server.port", port);
        put(properties, "easel.data-dir", data == null ? null : data.toAbsolutePath());
        put(properties, "easel.models-dir", models == null ? null : models.toAbsolutePath());
        put(properties, "easel.generation.max-batch", maxBatch);
        put(properties, "spring.datasource.url", dbUrl);
        put(properties, "spring.datasource.username", dbUser);
        put(properties, "spring.datasource.password", dbPassword);
        // As command-line arguments, flags take precedence over application.properties and the environment.
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        new SpringApplication(EaselServer.class).run(args);
        SERVING.set(true);
        return 0;
    }

    private static void put(Map<String, Object> properties, String key, Object value) {
        if (value != null) {
            properties.put(key, value.toString());
        }
    }
}
