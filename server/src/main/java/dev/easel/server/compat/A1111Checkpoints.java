package dev.easel.server.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.easel.server.accounts.AuthProperties;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.generation.ModelCatalog;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Models as A1111 names them: a "checkpoint" has a title {@code name [short hash]}, and a request may name it by
 * title, name, short hash or full SHA-256 (A1111's checkpoint aliases).
 */
@Component
class A1111Checkpoints {
    private final ModelCatalog catalog;
    private final boolean anonymousAllowed;

    A1111Checkpoints(ModelCatalog catalog, AuthProperties auth) {
        this.catalog = catalog;
        this.anonymousAllowed = auth.allowAnonymous();
    }

    /**
     * One entry of {@code GET /sdapi/v1/sd-models}.
     *
     * @param filename the model's folder name (A1111 gives a server path, which we keep to ourselves)
     * @param config always null: diffusers folders carry their own configuration
     */
    record SdModel(
            String title,
            @JsonProperty("model_name") String modelName,
            String hash,
            String sha256,
            String filename,
            String config) {}

    List<SdModel> all() {
        return catalog.all().stream()
                .map(e -> new SdModel(
                        title(e), e.name(), e.folder().shortHash(), e.folder().sha256(), e.name(), null))
                .toList();
    }

    ModelCatalog.Entry defaultEntry() {
        return catalog.defaultEntry();
    }

    /** The model a request names; 404 naming {@code field} and the titles on offer when none matches. */
    ModelCatalog.Entry resolve(String name, String field) {
        String wanted = name.strip();
        // Names first: they need no hashing.
        Optional<ModelCatalog.Entry> byName = catalog.find(wanted);
        if (byName.isPresent()) {
            return byName.get();
        }
        List<ModelCatalog.Entry> all = catalog.all();
        return all.stream()
                .filter(e -> title(e).equals(wanted)
                        || e.folder().shortHash().equalsIgnoreCase(wanted)
                        || e.folder().sha256().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new NotFoundException(field + ": model '" + wanted + "' not found; available: "
                        + all.stream().map(A1111Checkpoints::title).toList()));
    }

    /**
     * Switches the server-wide default model. With anonymous access on, the server is run like a local A1111 and
     * anyone may switch, as A1111 clients expect; with keys required, only admins may, since it changes everyone's
     * default.
     */
    ModelCatalog.Entry switchDefault(String name, UserAccount user) {
        if (!mayChangeDefault(user, anonymousAllowed)) {
            throw new ForbiddenException(
                    "sd_model_checkpoint: only admins may change the server's default model; pick a model per request"
                            + " with override_settings.sd_model_checkpoint instead");
        }
        ModelCatalog.Entry entry = resolve(name, "sd_model_checkpoint");
        catalog.setDefault(entry.name());
        return entry;
    }

    static boolean mayChangeDefault(UserAccount user, boolean anonymousAllowed) {
        return anonymousAllowed || user.isAdmin();
    }

    static String title(ModelCatalog.Entry entry) {
        return entry.name() + " [" + entry.folder().shortHash() + "]";
    }
}
