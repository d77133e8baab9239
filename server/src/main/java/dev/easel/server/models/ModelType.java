package dev.easel.server.models;

import dev.easel.server.api.FieldException;
import java.util.Locale;

/**
 * What kind of model a shared model is. The engine runs full diffusers-ONNX checkpoints only, so that is the one type
 * uploads may have for now; the others are named so that asking for them gets a clear answer.
 */
public enum ModelType {
    CHECKPOINT("Checkpoint");

    private static final java.util.List<String> NOT_YET =
            java.util.List.of("lora", "locon", "textualinversion", "embedding", "hypernetwork", "vae", "controlnet");

    private final String label;

    ModelType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a type label ({@code Checkpoint}, case and spaces ignored); 400 naming {@code field} otherwise. */
    static ModelType parse(String text, String field) {
        String wanted = text == null ? "" : text.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        for (ModelType type : values()) {
            if (type.label.toLowerCase(Locale.ROOT).equals(wanted)) {
                return type;
            }
        }
        if (NOT_YET.contains(wanted)) {
            throw new FieldException(
                    field,
                    field + ": only Checkpoint models are accepted (the engine runs full diffusers-ONNX models)");
        }
        throw new FieldException(field, field + " must be Checkpoint");
    }
}
