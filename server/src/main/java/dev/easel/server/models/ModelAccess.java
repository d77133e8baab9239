package dev.easel.server.models;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.RandomIds;
import dev.easel.server.api.SignInRequiredException;
import org.springframework.stereotype.Component;

/**
 * Who may see and change what. A listed model (a version published, not hidden) is public. Drafts are seen by their
 * owner and admins only; hidden models by their owner and moderators. Owners and admins manage (edit, publish, delete);
 * others get 404 for what they cannot see and 403 for what they see but do not own.
 */
@Component
class ModelAccess {
    private final ModelRepository models;
    private final VersionRepository versions;
    private final UserService users;

    ModelAccess(ModelRepository models, VersionRepository versions, UserService users) {
        this.models = models;
        this.versions = versions;
        this.users = users;
    }

    /** A model with one of its versions. */
    record ModelVersion(ModelRow model, VersionRow version) {}

    /** The caller as a real account, else 401. */
    UserAccount signedIn(UserAccount user, String action) {
        if (user == null || users.isAnonymous(user)) {
            throw new SignInRequiredException("sign in (or send an API key) to " + action);
        }
        return user;
    }

    boolean canSee(ModelRow model, UserAccount viewer) {
        if (model.listed()) {
            return true;
        }
        if (viewer == null) {
            return false;
        }
        if (viewer.id() == model.ownerId() || viewer.isAdmin()) {
            return true;
        }
        return model.hidden() && model.publishedMs() != null && viewer.role().atLeast(Role.MODERATOR);
    }

    boolean canSee(ModelRow model, VersionRow version, UserAccount viewer) {
        return canSee(model, viewer) && (version.published() || (viewer != null && viewer.mayManage(model.ownerId())));
    }

    /** Whether the viewer sees the model exactly as the public does (so the cached public page serves them). */
    boolean seesPublicView(ModelRow model, UserAccount viewer) {
        return viewer == null
                || (viewer.id() != model.ownerId() && !viewer.role().atLeast(Role.MODERATOR));
    }

    ModelRow visible(String id, UserAccount viewer) {
        ModelRow model = (RandomIds.looksValid(id) ? models.find(id) : java.util.Optional.<ModelRow>empty())
                .filter(m -> canSee(m, viewer))
                .orElseThrow(() -> new NotFoundException("no model " + id));
        return model;
    }

    ModelVersion visible(String modelId, String versionId, UserAccount viewer) {
        ModelRow model = visible(modelId, viewer);
        VersionRow version = (RandomIds.looksValid(versionId)
                        ? versions.find(modelId, versionId)
                        : java.util.Optional.<VersionRow>empty())
                .filter(v -> canSee(model, v, viewer))
                .orElseThrow(() -> new NotFoundException("no version " + versionId + " of model " + modelId));
        return new ModelVersion(model, version);
    }

    /** The model, when the caller may change it: 401 anonymous, 404 unseen, 403 someone else's. */
    ModelRow managed(String id, UserAccount user) {
        signedIn(user, "change a model");
        ModelRow model = visible(id, user);
        if (!user.mayManage(model.ownerId())) {
            throw new ForbiddenException("only the model's owner (or an admin) may change it");
        }
        return model;
    }

    ModelVersion managed(String modelId, String versionId, UserAccount user) {
        ModelRow model = managed(modelId, user);
        return visible(model.id(), versionId, user);
    }
}
