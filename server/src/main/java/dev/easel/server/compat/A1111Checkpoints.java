package dev.easel.server.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.generation.ModelCatalog;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Models as A1111 names them: a "checkpoint" has a title {@code name [short hash]}, and a request may name it by
 * title, name, short hash or full SHA-256 (A1111's checkpoint aliases). A1111's default model is global; here each
 * user may choose their own (see {@link #choose}).
 */
@Component
class A1111Checkpoints {
    private final ModelCatalog catalog;
    private final ChosenCheckpoints chosen;
    private final UserService users;

    A1111Checkpoints(ModelCatalog catalog, ChosenCheckpoints chosen, UserService users) {
        this.catalog = catalog;
        this.chosen = chosen;
        this.users = users;
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

    /** The model {@code user}'s calls run on when they name none: their own choice while it exists, else the server's. */
    ModelCatalog.Entry defaultEntry(UserAccount user) {
        return chosen.find(user.id()).flatMap(catalog::find).orElseGet(catalog::defaultEntry);
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
     * A1111's options call. An admin's choice is the server's default (and their own); another user's is their own
     * default only, so nobody moves everyone else's keyless jobs onto a model of their choosing. The shared anonymous
     * account is everybody's, so it may only confirm the default it has.
     *
     * @throws NotFoundException naming {@code sd_model_checkpoint} for an unknown model
     * @throws ForbiddenException when the anonymous account names another model
     */
    ModelCatalog.Entry choose(String name, UserAccount user) {
        ModelCatalog.Entry entry = resolve(name, "sd_model_checkpoint");
        if (user.isAdmin()) {
            catalog.setDefault(entry.name());
            chosen.clear(user.id());
        } else if (users.isAnonymous(user)) {
            if (!entry.name().equals(defaultEntry(user).name())) {
                throw new ForbiddenException("sd_model_checkpoint: without an API key the default model cannot be"
                        + " changed (it is shared by every caller without a key); send an API key to choose your own"
                        + " default, or pick a model per request with override_settings.sd_model_checkpoint");
            }
        } else {
            chosen.choose(user.id(), entry.name());
        }
        return entry;
    }

    static String title(ModelCatalog.Entry entry) {
        return entry.name() + " [" + entry.folder().shortHash() + "]";
    }
}
