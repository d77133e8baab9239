package dev.easel.server.models;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code models} and {@code model_tags} tables; plain SQL that runs on H2 and PostgreSQL. */
@Repository
class ModelRepository {
    private static final String COLUMNS = "id, owner_id, owner_name, name, slug, description, model_type, base_model,"
            + " allow_commercial_use, allow_derivatives, hidden, created_at, updated_at, published_ms, like_count,"
            + " download_count, review_count, rating_milli";
    private static final String LISTED = "published_ms is not null and hidden = false";

    private final JdbcClient jdbc;

    ModelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the slug is taken */
    void insert(ModelRow model) {
        jdbc.sql("insert into models (id, owner_id, owner_name, name, slug, description, model_type, base_model,"
                        + " allow_commercial_use, allow_derivatives, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        model.id(),
                        model.ownerId(),
                        model.ownerName(),
                        model.name(),
                        model.slug(),
                        model.description(),
                        model.type().name(),
                        model.baseModel().name(),
                        model.allowCommercialUse(),
                        model.allowDerivatives(),
                        time(model.createdAt()),
                        time(model.updatedAt()))
                .update();
        replaceTags(model.id(), model.tags());
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("select count(*) from models where slug = ?")
                        .param(slug)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void update(ModelRow model) {
        jdbc.sql("update models set name = ?, description = ?, model_type = ?, base_model = ?,"
                        + " allow_commercial_use = ?, allow_derivatives = ?, updated_at = ? where id = ?")
                .params(
                        model.name(),
                        model.description(),
                        model.type().name(),
                        model.baseModel().name(),
                        model.allowCommercialUse(),
                        model.allowDerivatives(),
                        time(model.updatedAt()),
                        model.id())
                .update();
        replaceTags(model.id(), model.tags());
    }

    Optional<ModelRow> find(String id) {
        Optional<ModelRow> model = jdbc.sql("select " + COLUMNS + " from models where id = ?")
                .param(id)
                .query(ModelRepository::row)
                .optional();
        return model.map(m -> m.withTags(tags(List.of(id)).getOrDefault(id, List.of())));
    }

    /**
     * Listed models in the query's order, one more than the page holds (to tell whether another page follows): two
     * statements (models, then their tags) whatever the size.
     */
    List<ModelRow> page(ModelQuery query) {
        String key = query.sort().column();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from models m where " + LISTED);
        List<Object> params = new ArrayList<>();
        if (query.type() != null) {
            sql.append(" and model_type = ?");
            params.add(query.type().name());
        }
        if (query.baseModel() != null) {
            sql.append(" and base_model = ?");
            params.add(query.baseModel().name());
        }
        if (query.owner() != null) {
            sql.append(" and owner_name = ?");
            params.add(query.owner());
        }
        if (query.tag() != null) {
            sql.append(" and exists (select 1 from model_tags t where t.model_id = m.id and t.tag = ?)");
            params.add(query.tag());
        }
        if (query.after() != null) {
            sql.append(" and (" + key + " < ? or (" + key + " = ? and id < ?))");
            params.add(query.after().value());
            params.add(query.after().value());
            params.add(query.after().id());
        }
        sql.append(" order by " + key + " desc, id desc fetch first " + (query.limit() + 1) + " rows only");
        List<ModelRow> rows = jdbc.sql(sql.toString())
                .params(params)
                .query(ModelRepository::row)
                .list();
        return withTags(rows);
    }

    /** Every listed model (for the search index). */
    List<ModelRow> allListed() {
        return withTags(jdbc.sql("select " + COLUMNS + " from models where " + LISTED + " order by id")
                .query(ModelRepository::row)
                .list());
    }

    /** The value the query's sort orders this model by. */
    static long sortValue(ModelRow model, ModelSort sort) {
        return switch (sort) {
            case NEWEST -> model.publishedMs();
            case MOST_DOWNLOADED -> model.downloadCount();
            case MOST_LIKED -> model.likeCount();
            case HIGHEST_RATED -> model.ratingMilli();
        };
    }

    /** Recomputes the first-publish time, download total and review stats from the versions and reviews. */
    void refreshStats(String id) {
        jdbc.sql("update models set"
                        + " published_ms = (select min(v.published_ms) from model_versions v where v.model_id = ?),"
                        + " download_count = (select coalesce(sum(v.download_count), 0) from model_versions v"
                        + " where v.model_id = ?),"
                        + " review_count = (select count(*) from model_reviews r where r.model_id = ?),"
                        + " rating_milli = (select case when count(*) = 0 then 0"
                        + " else sum(r.rating) * 1000 / count(*) end from model_reviews r where r.model_id = ?)"
                        + " where id = ?")
                .params(id, id, id, id, id)
                .update();
    }

    void addDownload(String id) {
        jdbc.sql("update models set download_count = download_count + 1 where id = ?")
                .param(id)
                .update();
    }

    /** @return whether the model exists */
    boolean setLikeCount(String id, long likes) {
        return jdbc.sql("update models set like_count = ? where id = ?")
                        .params(likes, id)
                        .update()
                > 0;
    }

    /** @return whether the model exists */
    boolean setHidden(String id, boolean hidden) {
        return jdbc.sql("update models set hidden = ? where id = ?")
                        .params(hidden, id)
                        .update()
                > 0;
    }

    void delete(String id) {
        jdbc.sql("delete from model_tags where model_id = ?").param(id).update();
        jdbc.sql("delete from models where id = ?").param(id).update();
    }

    private void replaceTags(String id, List<String> tags) {
        jdbc.sql("delete from model_tags where model_id = ?").param(id).update();
        for (int i = 0; i < tags.size(); i++) {
            jdbc.sql("insert into model_tags (model_id, tag, position) values (?, ?, ?)")
                    .params(id, tags.get(i), i)
                    .update();
        }
    }

    private List<ModelRow> withTags(List<ModelRow> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<String>> tags = tags(rows.stream().map(ModelRow::id).toList());
        return rows.stream()
                .map(m -> m.withTags(tags.getOrDefault(m.id(), List.of())))
                .toList();
    }

    private Map<String, List<String>> tags(Collection<String> ids) {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        jdbc.sql("select model_id, tag from model_tags where model_id in (:ids) order by model_id, position")
                .param("ids", ids)
                .query((rs, row) -> Map.entry(rs.getString("model_id"), rs.getString("tag")))
                .list()
                .forEach(e ->
                        tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return tags;
    }

    private static ModelRow row(ResultSet rs, int row) throws SQLException {
        return new ModelRow(
                rs.getString("id"),
                rs.getLong("owner_id"),
                rs.getString("owner_name"),
                rs.getString("name"),
                rs.getString("slug"),
                rs.getString("description"),
                ModelType.valueOf(rs.getString("model_type")),
                BaseModel.valueOf(rs.getString("base_model")),
                rs.getBoolean("allow_commercial_use"),
                rs.getBoolean("allow_derivatives"),
                rs.getBoolean("hidden"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                nullableLong(rs, "published_ms"),
                rs.getLong("like_count"),
                rs.getLong("download_count"),
                rs.getLong("review_count"),
                rs.getLong("rating_milli"),
                List.of());
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
