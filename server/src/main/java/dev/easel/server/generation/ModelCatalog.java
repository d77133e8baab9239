package dev.easel.server.generation;

import dev.easel.engine.model.ModelFolder;
import dev.easel.engine.model.VaeConfig;
import dev.easel.server.EaselProperties;
import dev.easel.server.api.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The models this server can generate with: every model folder under the models directory, the folders other features
 * register (published community models), plus the bundled demo model. Names are folder names. Which one is the default
 * can be changed at run time (A1111's options call does).
 */
@Component
public class ModelCatalog {
    private final EaselProperties properties;
    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicReference<String> defaultModel = new AtomicReference<>();
    private final Map<String, Path> registered = new ConcurrentHashMap<>();

    public ModelCatalog(EaselProperties properties) {
        this.properties = properties;
    }

    /**
     * A generatable model: its name, folder, and the facts requests are checked against, read once from its files.
     *
     * @param vaeFactor pixels per latent cell
     * @param nativeSize the image side the model was trained for
     */
    public record Entry(String name, ModelFolder folder, int vaeFactor, int nativeSize) {
        static Entry of(String name, ModelFolder folder) {
            int factor = VaeConfig.read(folder.path(ModelFolder.VAE_DECODER_CONFIG), ModelFolder.VAE_DECODER_CONFIG)
                    .scaleFactor();
            return new Entry(name, folder, factor, folder.nativeImageSide(factor));
        }
    }

    /** Makes the model folder {@code dir} selectable; its name is the folder's name. */
    public void register(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        registered.put(folder.getFileName().toString(), folder);
    }

    /** Makes a registered model unselectable (no-op when it is not registered). */
    public void unregister(String name) {
        Path folder = registered.remove(name);
        if (folder != null) {
            entries.remove(folder);
        }
    }

    /** All models: the models directory's (sorted by name), then registered ones (by name), the bundled one last. */
    public List<Entry> all() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Path dir = properties.modelsDir();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(p -> Files.isRegularFile(p.resolve(ModelFolder.INDEX)))
                        .sorted(Comparator.comparing(Path::getFileName))
                        .forEach(p -> entries.putIfAbsent(p.getFileName().toString(), entry(p)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list models in " + dir, e);
            }
        }
        registered.values().stream()
                .filter(p -> Files.isRegularFile(p.resolve(ModelFolder.INDEX)))
                .sorted(Comparator.comparing(Path::getFileName))
                .forEach(p -> entries.putIfAbsent(p.getFileName().toString(), entry(p)));
        Path bundled = properties.bundledModel();
        if (bundled != null && Files.isRegularFile(bundled.resolve(ModelFolder.INDEX))) {
            entries.putIfAbsent(bundled.getFileName().toString(), entry(bundled));
        }
        return List.copyOf(entries.values());
    }

    public Optional<Entry> find(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The named model, or the default when the name is null or blank; 404 when it does not exist. */
    public Entry resolve(String name) {
        if (name == null || name.isBlank()) {
            return defaultEntry();
        }
        return find(name.trim())
                .orElseThrow(() -> new NotFoundException("unknown model '" + name + "'; available: "
                        + all().stream().map(Entry::name).toList()));
    }

    public Entry defaultEntry() {
        String chosen = defaultModel.get();
        if (chosen != null) {
            Optional<Entry> entry = find(chosen);
            if (entry.isPresent()) {
                return entry.get();
            }
        }
        List<Entry> all = all();
        if (all.isEmpty()) {
            throw new NotFoundException("no models installed: put a diffusers ONNX model folder under "
                    + properties.modelsDir().toAbsolutePath());
        }
        Path bundled = properties.bundledModel();
        return all.stream()
                .filter(e -> bundled != null
                        && e.folder().root().equals(bundled.toAbsolutePath().normalize()))
                .findFirst()
                .orElse(all.get(0));
    }

    public void setDefault(String name) {
        defaultModel.set(resolve(name).name());
    }

    // Directory listings stay live (new folders appear without a restart); each folder's files are read once.
    private Entry entry(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        return entries.computeIfAbsent(key, k -> Entry.of(dir.getFileName().toString(), new ModelFolder(k)));
    }
}
