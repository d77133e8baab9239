package dev.easel.server.models;

import java.util.List;
import org.springframework.util.MultiValueMap;

/** The version-level fields of an upload, checked. */
record VersionForm(String name, List<String> trainedWords) {
    static VersionForm parse(MultiValueMap<String, String> form) {
        return new VersionForm(
                ModelFields.name(form.getFirst("versionName"), "versionName"),
                ModelFields.trainedWords(form.get("trainedWords")));
    }
}
