package dev.easel.server;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Easel keeps its files.
 *
 * @param dataDir database (embedded), images and uploaded files
 * @param modelsDir folder whose sub-folders are models in the diffusers ONNX layout
 * @param bundledModel the demo model shipped with Easel, used when no other is configured
 */
@ConfigurationProperties("easel")
public record EaselProperties(Path dataDir, Path modelsDir, Path bundledModel) {
    public EaselProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        modelsDir = modelsDir == null ? Path.of("models") : modelsDir;
    }
}
