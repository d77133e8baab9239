package dev.easel.server.models;

import static dev.easel.server.models.ModelRepository.instant;
import static dev.easel.server.models.ModelRepository.nullableLong;
import static dev.easel.server.models.ModelRepository.time;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code model_versions}, {@code model_files} and {@code model_images} tables. */
@Repository
class VersionRepository {
    private static final String COLUMNS = "id, model_id, name, slug, trained_words, sha256, archive_sha256,"
            + " archive_bytes, total_bytes, created_at, published_ms, download_count";

    private final JdbcClient jdbc;

    VersionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the model has a version with this slug */
    void insert(VersionRow version, List<ModelFileRow> files, List<SampleImageRow> images) {
        jdbc.sql("insert into model_versions (id, model_id, name, slug, trained_words, sha256, archive_sha256,"
                        + " archive_bytes, total_bytes, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        version.id(),
                        version.modelId(),
                        version.name(),
                        version.slug(),
                        String.join("\n", version.trainedWords()),
                        version.sha256(),
                        version.archiveSha256(),
                        version.archiveBytes(),
                        version.totalBytes(),
                        time(version.createdAt()))
                .update();
        for (ModelFileRow file : files) {
            jdbc.sql("insert into model_files (version_id, path, sha256, bytes) values (?, ?, ?, ?)")
                    .params(version.id(), file.path(), file.sha256(), file.bytes())
                    .update();
        }
        for (SampleImageRow image : images) {
            jdbc.sql("insert into model_images (version_id, position, sha256, media_type, bytes)"
                            + " values (?, ?, ?, ?, ?)")
                    .params(version.id(), image.position(), image.sha256(), image.mediaType(), image.bytes())
                    .update();
        }
    }

    Optional<VersionRow> find(String modelId, String id) {
        return jdbc.sql("select " + COLUMNS + " from model_versions where id = ? and model_id = ?")
                .params(id, modelId)
                .query(VersionRepository::row)
                .optional();
    }

    /** The model's versions, newest first. */
    List<VersionRow> ofModel(String modelId) {
        return jdbc.sql("select " + COLUMNS + " from model_versions where model_id = ? order by created_at desc, id")
                .param(modelId)
                .query(VersionRepository::row)
                .list();
    }

    /** Published versions of listed models, for generation and search. */
    List<VersionRow> publishedOf(Collection<String> modelIds) {
        if (modelIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from model_versions where model_id in (:ids)"
                        + " and published_ms is not null order by model_id, created_at desc")
                .param("ids", modelIds)
                .query(VersionRepository::row)
                .list();
    }

    List<ModelFileRow> files(Collection<String> versionIds) {
        if (versionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select version_id, path, sha256, bytes from model_files where version_id in (:ids)"
                        + " order by version_id, path")
                .param("ids", versionIds)
                .query((rs, row) -> new ModelFileRow(
                        rs.getString("version_id"), rs.getString("path"), rs.getString("sha256"), rs.getLong("bytes")))
                .list();
    }

    List<SampleImageRow> images(Collection<String> versionIds) {
        if (versionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select version_id, position, sha256, media_type, bytes from model_images"
                        + " where version_id in (:ids) order by version_id, position")
                .param("ids", versionIds)
                .query((rs, row) -> new SampleImageRow(
                        rs.getString("version_id"),
                        rs.getInt("position"),
                        rs.getString("sha256"),
                        rs.getString("media_type"),
                        rs.getLong("bytes")))
                .list();
    }

    /** @return whether it was a draft (and is now published) */
    boolean publish(String id, long publishedMs) {
        return jdbc.sql("update model_versions set published_ms = ? where id = ? and published_ms is null")
                        .params(publishedMs, id)
                        .update()
                > 0;
    }

    void update(String id, String name, List<String> trainedWords) {
        jdbc.sql("update model_versions set name = ?, trained_words = ? where id = ?")
                .params(name, String.join("\n", trainedWords), id)
                .update();
    }

    void addDownload(String id) {
        jdbc.sql("update model_versions set download_count = download_count + 1 where id = ?")
                .param(id)
                .update();
    }

    /** Deletes the version with its files, images and reviews. */
    void delete(String id) {
        jdbc.sql("delete from model_reviews where version_id = ?").param(id).update();
        jdbc.sql("delete from model_images where version_id = ?").param(id).update();
        jdbc.sql("delete from model_files where version_id = ?").param(id).update();
        jdbc.sql("delete from model_versions where id = ?").param(id).update();
    }

    /** Whether any version still holds these bytes (as a file, a sample image or its download zip). */
    boolean referenced(String sha256) {
        return jdbc.sql("select (select count(*) from model_files where sha256 = ?)"
                                + " + (select count(*) from model_images where sha256 = ?)"
                                + " + (select count(*) from model_versions where archive_sha256 = ?)")
                        .params(sha256, sha256, sha256)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static VersionRow row(ResultSet rs, int row) throws SQLException {
        String words = rs.getString("trained_words");
        return new VersionRow(
                rs.getString("id"),
                rs.getString("model_id"),
                rs.getString("name"),
                rs.getString("slug"),
                words.isEmpty() ? List.of() : Arrays.asList(words.split("\n", -1)),
                rs.getString("sha256"),
                rs.getString("archive_sha256"),
                rs.getLong("archive_bytes"),
                rs.getLong("total_bytes"),
                instant(rs, "created_at"),
                nullableLong(rs, "published_ms"),
                rs.getLong("download_count"));
    }
}
