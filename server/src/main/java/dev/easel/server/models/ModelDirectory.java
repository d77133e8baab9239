package dev.easel.server.models;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.RandomIds;
import dev.easel.server.content.ContentDirectory;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.ContentSummary;
import dev.easel.server.content.LikesChanged;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.search.SearchDocument;
import dev.easel.server.search.SearchSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Models as other features see them: the content directory (for social, moderation), the search source (only listed
 * models: a published version, not hidden), and the keeper of the denormalized like count.
 */
@Component
class ModelDirectory implements ContentDirectory, SearchSource {
    private final ModelRepository models;
    private final VersionRepository versions;
    private final ModelAccess access;
    private final ModelPublication publication;
    private final ModelChanges changes;

    ModelDirectory(
            ModelRepository models,
            VersionRepository versions,
            ModelAccess access,
            ModelPublication publication,
            ModelChanges changes) {
        this.models = models;
        this.versions = versions;
        this.access = access;
        this.publication = publication;
        this.changes = changes;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.MODEL;
    }

    @Override
    public Optional<ContentSummary> find(String id, UserAccount viewer) {
        return row(id).filter(m -> access.canSee(m, viewer)).map(ModelDirectory::summary);
    }

    @Override
    public Optional<ContentSummary> findAny(String id) {
        return row(id).map(ModelDirectory::summary);
    }

    /** Hidden models leave lists and search and are no longer selectable for generation. */
    @Override
    public void setHidden(String id, boolean hidden) {
        if (RandomIds.looksValid(id) && models.setHidden(id, hidden)) {
            models.find(id).ifPresent(m -> publication.sync(m, versions.ofModel(id)));
            changes.changed(id);
        }
    }

    @EventListener
    void likesChanged(LikesChanged event) {
        if (event.kind() == ContentKind.MODEL && models.setLikeCount(event.id(), event.likeCount())) {
            changes.changed(event.id());
        }
    }

    @Override
    public List<SearchDocument> all() {
        return documents(models.allListed());
    }

    @Override
    public Optional<SearchDocument> document(String id) {
        return row(id).filter(ModelRow::listed).map(m -> documents(List.of(m)).get(0));
    }

    /** Text is the description and the published versions' trained words: three statements however many models. */
    private List<SearchDocument> documents(List<ModelRow> rows) {
        Map<String, List<String>> words = new LinkedHashMap<>();
        versions.publishedOf(rows.stream().map(ModelRow::id).toList())
                .forEach(v -> words.computeIfAbsent(v.modelId(), k -> new ArrayList<>())
                        .addAll(v.trainedWords()));
        return rows.stream()
                .map(m -> {
                    String text =
                            (m.description() + "\n" + String.join(" ", words.getOrDefault(m.id(), List.of()))).strip();
                    return new SearchDocument(
                            ContentKind.MODEL,
                            m.id(),
                            m.name(),
                            text,
                            m.tags(),
                            m.type().label(),
                            m.baseModel().label(),
                            NsfwLevel.PG,
                            m.likeCount(),
                            m.downloadCount(),
                            Instant.ofEpochMilli(m.publishedMs()));
                })
                .toList();
    }

    private Optional<ModelRow> row(String id) {
        return RandomIds.looksValid(id) ? models.find(id) : Optional.empty();
    }

    private static ContentSummary summary(ModelRow model) {
        return new ContentSummary(ContentKind.MODEL, model.id(), model.ownerId(), model.name(), model.hidden());
    }
}
