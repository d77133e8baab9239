package dev.easel.server.moderation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Reads the block lists shipped with Easel and those an operator configures. */
final class BlockLists {
    private static final String DEFAULTS = "classpath*:moderation/blocklists/*.txt";
    private static final String EXTENSION = ".txt";

    private BlockLists() {}

    /** The shipped lists, then the configured ones in the order given. */
    static List<BlockList> load(List<Path> configured) {
        List<BlockList> lists = new ArrayList<>(defaults());
        for (Path path : configured) {
            lists.addAll(configured(path));
        }
        return lists;
    }

    static List<BlockList> defaults() {
        try {
            Resource[] resources =
                    new PathMatchingResourcePatternResolver(BlockLists.class.getClassLoader()).getResources(DEFAULTS);
            List<BlockList> lists = new ArrayList<>();
            for (Resource resource : Arrays.stream(resources)
                    .sorted(Comparator.comparing(Resource::getFilename))
                    .toList()) {
                try (InputStream in = resource.getInputStream()) {
                    lists.add(BlockList.parse(
                            listName(resource.getFilename()), resource.getDescription(), in.readAllBytes()));
                }
            }
            return lists;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the shipped block lists", e);
        }
    }

    /**
     * A configured list file, or every {@code *.txt} file directly inside a configured folder (by name).
     *
     * @throws IllegalStateException naming the path if it does not exist
     */
    static List<BlockList> configured(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("easel.moderation.blocklists: block list " + path.toAbsolutePath()
                    + " does not exist (expected a UTF-8 text file or a folder of *.txt files)");
        }
        if (!Files.isDirectory(path)) {
            return List.of(read(path));
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(file -> Files.isRegularFile(file)
                            && file.getFileName().toString().endsWith(EXTENSION))
                    .sorted()
                    .map(BlockLists::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list block lists in " + path.toAbsolutePath(), e);
        }
    }

    private static BlockList read(Path file) {
        try {
            return BlockList.parse(
                    listName(file.getFileName().toString()),
                    file.toAbsolutePath().toString(),
                    Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read block list " + file.toAbsolutePath(), e);
        }
    }

    private static String listName(String fileName) {
        return fileName.endsWith(EXTENSION) ? fileName.substring(0, fileName.length() - EXTENSION.length()) : fileName;
    }
}
