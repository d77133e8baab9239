package dev.easel.server.models;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.Page;
import dev.easel.server.cache.ReadCache;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Reads of shared models: the public list (keyset pages through the read cache), model pages, and the files behind
 * downloads. Every list page costs the same two statements on a cache miss and none on a hit.
 */
@Service
public class ModelReads {
    private static final String API = "/api/v1/models/";

    private final ModelRepository models;
    private final VersionRepository versions;
    private final ModelAccess access;
    private final ModelFileStore store;
    private final ReadCache cache;

    ModelReads(
            ModelRepository models,
            VersionRepository versions,
            ModelAccess access,
            ModelFileStore store,
            ReadCache cache) {
        this.models = models;
        this.versions = versions;
        this.access = access;
        this.store = store;
        this.cache = cache;
    }

    /** A stored file to send: where it is, its SHA-256 (the ETag), the name to save it as and its media type. */
    public record StoredFile(Path path, String sha256, String filename, String mediaType) {}

    /**
     * The public list with the API's parameters ({@code GET /api/v1/models/browse}), for the web pages.
     *
     * @throws dev.easel.server.api.FieldException naming a bad parameter
     */
    public Page<ModelSummary> browse(ModelListParameters parameters) {
        return list(ModelQuery.parse(parameters));
    }

    Page<ModelSummary> list(ModelQuery query) {
        return cache.get(ModelChanges.LISTS, query.key(), ModelListPage.class, () -> load(query))
                .page();
    }

    private ModelListPage load(ModelQuery query) {
        List<ModelRow> rows = models.page(query);
        String next = null;
        if (rows.size() > query.limit()) {
            rows = rows.subList(0, query.limit());
            ModelRow last = rows.get(rows.size() - 1);
            next = new ModelQuery.Position(ModelRepository.sortValue(last, query.sort()), last.id()).encode();
        }
        return new ModelListPage(rows.stream().map(ModelRow::summary).toList(), next);
    }

    /** The model's page as the viewer may see it (the public view comes from the read cache). */
    public ModelDetail detail(String id, UserAccount viewer) {
        ModelRow model = access.visible(id, viewer);
        if (access.seesPublicView(model, viewer)) {
            return cache.get(ModelChanges.PAGES, id, ModelDetail.class, () -> build(model, null));
        }
        return build(model, viewer);
    }

    VersionView version(String modelId, String versionId, UserAccount viewer) {
        ModelAccess.ModelVersion found = access.visible(modelId, versionId, viewer);
        return views(found.model(), List.of(found.version())).get(0);
    }

    private ModelDetail build(ModelRow model, UserAccount viewer) {
        List<VersionRow> visible = versions.ofModel(model.id()).stream()
                .filter(v -> access.canSee(model, v, viewer))
                .toList();
        return new ModelDetail(
                model.summary(),
                model.description(),
                model.hidden(),
                model.createdAt(),
                model.updatedAt(),
                views(model, visible));
    }

    private List<VersionView> views(ModelRow model, List<VersionRow> rows) {
        List<String> ids = rows.stream().map(VersionRow::id).toList();
        Map<String, List<ModelFileRow>> files =
                versions.files(ids).stream().collect(Collectors.groupingBy(ModelFileRow::versionId));
        Map<String, List<SampleImageRow>> images =
                versions.images(ids).stream().collect(Collectors.groupingBy(SampleImageRow::versionId));
        return rows.stream()
                .map(v -> view(model, v, files.getOrDefault(v.id(), List.of()), images.getOrDefault(v.id(), List.of())))
                .toList();
    }

    private static VersionView view(
            ModelRow model, VersionRow version, List<ModelFileRow> files, List<SampleImageRow> images) {
        String base = API + model.id() + "/versions/" + version.id();
        return new VersionView(
                version.id(),
                version.name(),
                version.slug(),
                version.published() ? "PUBLISHED" : "DRAFT",
                ModelPublication.generationName(model.slug(), version.slug()),
                version.trainedWords(),
                version.sha256(),
                version.archiveSha256(),
                version.archiveBytes(),
                version.totalBytes(),
                version.downloadCount(),
                version.createdAt(),
                version.published() ? Instant.ofEpochMilli(version.publishedMs()) : null,
                base + "/download",
                files.stream()
                        .map(f ->
                                new VersionView.FileView(f.path(), f.bytes(), f.sha256(), base + "/files/" + f.path()))
                        .toList(),
                images.stream()
                        .map(i -> new VersionView.ImageView(
                                i.sha256(), i.mediaType(), i.bytes(), base + "/images/" + i.position()))
                        .toList());
    }

    /** The version's download zip, if the viewer may see the version. */
    public StoredFile archive(String modelId, String versionId, UserAccount viewer) {
        ModelAccess.ModelVersion found = access.visible(modelId, versionId, viewer);
        VersionRow version = found.version();
        return stored(version.archiveSha256(), found.model().slug() + "-" + version.slug() + ".zip", "application/zip");
    }

    /** One file of the version's model folder. */
    public StoredFile file(String modelId, String versionId, String path, UserAccount viewer) {
        VersionRow version = access.visible(modelId, versionId, viewer).version();
        ModelFileRow file = versions.files(List.of(version.id())).stream()
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("version " + versionId + " has no file " + path));
        String name = path.substring(path.lastIndexOf('/') + 1);
        return stored(file.sha256(), name, "application/octet-stream");
    }

    /** A sample image of the version, by position. */
    public StoredFile image(String modelId, String versionId, int position, UserAccount viewer) {
        VersionRow version = access.visible(modelId, versionId, viewer).version();
        SampleImageRow image = versions.images(List.of(version.id())).stream()
                .filter(i -> i.position() == position)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("version " + versionId + " has no image " + position));
        String extension = image.mediaType().equals("image/png") ? ".png" : ".jpg";
        return stored(image.sha256(), position + extension, image.mediaType());
    }

    private StoredFile stored(String sha256, String filename, String mediaType) {
        if (!store.contains(sha256)) {
            throw new NotFoundException("the stored file " + sha256 + " is missing");
        }
        return new StoredFile(store.path(sha256), sha256, filename, mediaType);
    }
}
