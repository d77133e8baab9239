package dev.easel.server.models;

import dev.easel.server.api.FieldException;
import java.util.Arrays;
import java.util.Locale;

/** The model family a shared model was trained from, as Civitai labels them. */
public enum BaseModel {
    SD_1_5("SD 1.5"),
    SD_2_1("SD 2.1"),
    SDXL("SDXL"),
    SD_TURBO("SD-Turbo"),
    LCM("LCM"),
    OTHER("Other");

    private final String label;

    BaseModel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a label ({@code SD 1.5}, {@code sd-turbo}; case, spaces and dashes ignored); 400 naming the field. */
    static BaseModel parse(String text, String field) {
        String wanted = squash(text == null ? "" : text);
        for (BaseModel base : values()) {
            if (squash(base.label).equals(wanted) || squash(base.name()).equals(wanted)) {
                return base;
            }
        }
        throw new FieldException(
                field,
                field + " must be one of "
                        + Arrays.stream(values()).map(BaseModel::label).toList());
    }

    private static String squash(String text) {
        return text.replaceAll("[\\s_.-]", "").toLowerCase(Locale.ROOT);
    }
}
