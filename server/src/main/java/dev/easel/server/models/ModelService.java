package dev.easel.server.models;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.RandomIds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;

/**
 * Shared models: upload (a new model with its first version), add versions, publish, edit and delete. Uploads are
 * checked completely before anything is stored; stored files are removed once no version references them.
 */
@Service
public class ModelService {
    private final ModelRepository models;
    private final VersionRepository versions;
    private final VersionUploads uploads;
    private final ModelFileStore store;
    private final ModelAccess access;
    private final ModelPublication publication;
    private final ModelChanges changes;
    private final ModelReads reads;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();
    /** Held while storing files with their rows and while removing rows with their files, so neither sees half. */
    private final Object fileLock = new Object();

    ModelService(
            ModelRepository models,
            VersionRepository versions,
            VersionUploads uploads,
            ModelFileStore store,
            ModelAccess access,
            ModelPublication publication,
            ModelChanges changes,
            ModelReads reads,
            TransactionTemplate transactions) {
        this.models = models;
        this.versions = versions;
        this.uploads = uploads;
        this.store = store;
        this.access = access;
        this.publication = publication;
        this.changes = changes;
        this.reads = reads;
        this.transactions = transactions;
    }

    /** A new draft model with its first version, from an upload form; 400 naming the bad field or the engine's reasons. */
    public ModelDetail upload(
            UserAccount user, MultiValueMap<String, String> form, MultipartFile zip, List<MultipartFile> images) {
        access.signedIn(user, "upload a model");
        ModelForm modelForm = ModelForm.parse(form);
        VersionForm versionForm = VersionForm.parse(form);
        PreparedVersion prepared = uploads.prepare(zip, images);
        String id = RandomIds.next();
        try {
            Instant now = clock.instant();
            synchronized (fileLock) {
                ModelRow model = new ModelRow(
                        id,
                        user.id(),
                        user.username(),
                        modelForm.name(),
                        uniqueSlug(modelForm.name(), id),
                        modelForm.description(),
                        modelForm.type(),
                        modelForm.baseModel(),
                        modelForm.allowCommercialUse(),
                        modelForm.allowDerivatives(),
                        false,
                        now,
                        now,
                        null,
                        0,
                        0,
                        0,
                        0,
                        modelForm.tags());
                VersionRow version = version(id, versionForm, ModelFields.slug(versionForm.name(), "v"), prepared, now);
                storeWithRows(prepared, () -> {
                    models.insert(model);
                    insertVersion(version, prepared);
                });
            }
        } finally {
            ModelFileStore.deleteTree(prepared.work());
        }
        changes.changed(id);
        return reads.detail(id, user);
    }

    /** Adds a draft version to the caller's own model. */
    public VersionView addVersion(
            UserAccount user,
            String modelId,
            MultiValueMap<String, String> form,
            MultipartFile zip,
            List<MultipartFile> images) {
        ModelRow model = access.managed(modelId, user);
        if (user.id() != model.ownerId()) {
            throw new ForbiddenException("only the model's owner may add versions");
        }
        VersionForm versionForm = VersionForm.parse(form);
        PreparedVersion prepared = uploads.prepare(zip, images);
        String versionId;
        try {
            synchronized (fileLock) {
                Set<String> taken = new HashSet<>();
                versions.ofModel(modelId).forEach(v -> taken.add(v.slug()));
                String base = ModelFields.slug(versionForm.name(), "v");
                String slug = base;
                for (int n = 2; taken.contains(slug); n++) {
                    slug = base + "-" + n;
                }
                VersionRow version = version(modelId, versionForm, slug, prepared, clock.instant());
                versionId = version.id();
                storeWithRows(prepared, () -> insertVersion(version, prepared));
            }
        } finally {
            ModelFileStore.deleteTree(prepared.work());
        }
        changes.changed(modelId);
        return reads.version(modelId, versionId, user);
    }

    /** Publishes a draft version: it becomes public and selectable for generation. Publishing twice changes nothing. */
    public VersionView publish(UserAccount user, String modelId, String versionId) {
        access.managed(modelId, versionId, user);
        transactions.executeWithoutResult(status -> {
            versions.publish(versionId, clock.millis());
            models.refreshStats(modelId);
        });
        ModelRow model = models.find(modelId).orElseThrow();
        publication.sync(model, versions.ofModel(modelId));
        changes.changed(modelId);
        return reads.version(modelId, versionId, user);
    }

    public ModelDetail update(UserAccount user, String modelId, ModelEdit edit) {
        ModelRow model = access.managed(modelId, user);
        ModelRow edited = edit.applyTo(model, clock.instant());
        transactions.executeWithoutResult(status -> models.update(edited));
        changes.changed(modelId);
        return reads.detail(modelId, user);
    }

    public VersionView updateVersion(UserAccount user, String modelId, String versionId, VersionEdit edit) {
        VersionRow version = access.managed(modelId, versionId, user).version();
        String name = edit.versionName() == null ? version.name() : ModelFields.name(edit.versionName(), "versionName");
        List<String> words =
                edit.trainedWords() == null ? version.trainedWords() : ModelFields.trainedWords(edit.trainedWords());
        versions.update(versionId, name, words);
        changes.changed(modelId);
        return reads.version(modelId, versionId, user);
    }

    /** Deletes a version (owner or admin); files no other version holds are removed. */
    public void deleteVersion(UserAccount user, String modelId, String versionId) {
        ModelAccess.ModelVersion target = access.managed(modelId, versionId, user);
        publication.withdraw(target.model().slug(), target.version().slug());
        removeVersions(List.of(target.version()), () -> models.refreshStats(modelId));
        changes.changed(modelId);
    }

    /** Deletes the model with all its versions and reviews (owner or admin). */
    public void delete(UserAccount user, String modelId) {
        ModelRow model = access.managed(modelId, user);
        List<VersionRow> all = versions.ofModel(modelId);
        all.forEach(v -> publication.withdraw(model.slug(), v.slug()));
        removeVersions(all, () -> models.delete(modelId));
        changes.changed(modelId);
    }

    private void removeVersions(List<VersionRow> doomed, Runnable thenInTransaction) {
        synchronized (fileLock) {
            List<String> ids = doomed.stream().map(VersionRow::id).toList();
            Set<String> hashes = new HashSet<>();
            doomed.forEach(v -> hashes.add(v.archiveSha256()));
            versions.files(ids).forEach(f -> hashes.add(f.sha256()));
            versions.images(ids).forEach(i -> hashes.add(i.sha256()));
            transactions.executeWithoutResult(status -> {
                ids.forEach(versions::delete);
                thenInTransaction.run();
            });
            removeUnreferenced(hashes);
        }
    }

    /** Moves the prepared files into the store and inserts rows; on failure removes what this call added. */
    private void storeWithRows(PreparedVersion prepared, Runnable insertRows) {
        List<String> added = new ArrayList<>();
        try {
            for (SafeUnzip.UnpackedFile file : prepared.files()) {
                put(prepared.folder().resolve(file.path()), file.sha256(), added);
            }
            put(prepared.archive(), prepared.archiveSha256(), added);
            for (PreparedVersion.Image image : prepared.images()) {
                put(image.file(), image.sha256(), added);
            }
            transactions.executeWithoutResult(status -> insertRows.run());
        } catch (RuntimeException e) {
            removeUnreferenced(added);
            throw e;
        }
    }

    private void put(Path file, String sha256, List<String> added) {
        if (store.put(file, sha256)) {
            added.add(sha256);
        }
    }

    private void removeUnreferenced(java.util.Collection<String> hashes) {
        for (String hash : hashes) {
            if (!versions.referenced(hash)) {
                store.delete(hash);
            }
        }
    }

    private void insertVersion(VersionRow version, PreparedVersion prepared) {
        List<ModelFileRow> files = prepared.files().stream()
                .map(f -> new ModelFileRow(version.id(), f.path(), f.sha256(), f.bytes()))
                .toList();
        List<SampleImageRow> images = new ArrayList<>();
        for (PreparedVersion.Image image : prepared.images()) {
            images.add(
                    new SampleImageRow(version.id(), images.size(), image.sha256(), image.mediaType(), image.bytes()));
        }
        versions.insert(version, files, images);
    }

    private static VersionRow version(
            String modelId, VersionForm form, String slug, PreparedVersion prepared, Instant now) {
        return new VersionRow(
                RandomIds.next(),
                modelId,
                form.name(),
                slug,
                form.trainedWords(),
                prepared.sha256(),
                prepared.archiveSha256(),
                prepared.archiveBytes(),
                prepared.totalBytes(),
                now,
                null,
                0);
    }

    /** The name's slug, or with a suffix from the id when another model has it. */
    private String uniqueSlug(String name, String id) {
        String slug = ModelFields.slug(name, "model");
        if (!models.slugTaken(slug)) {
            return slug;
        }
        return slug + "-" + id.substring(0, 6).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x");
    }
}
