package dev.easel.engine.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the shipped demo model lives, and the prompts its contact sheet shows. */
public final class DemoModel {
    public static final List<String> PROMPTS = List.of(
            "red heart",
            "blue heart",
            "green heart",
            "yellow heart",
            "purple heart",
            "orange heart",
            "red apple",
            "green apple",
            "banana",
            "pizza",
            "cat face",
            "dog face",
            "smiling face",
            "crying face",
            "sun",
            "crescent moon",
            "star",
            "fire",
            "snowflake",
            "cloud",
            "house",
            "tree",
            "rocket",
            "car");

    private DemoModel() {}

    /** The model folder, found from the engine module or the repository root. */
    public static Path folder() {
        for (Path candidate : List.of(Path.of("../models/easel-emoji"), Path.of("models/easel-emoji"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("the demo model models/easel-emoji is missing");
    }
}
