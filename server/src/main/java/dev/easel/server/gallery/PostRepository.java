package dev.easel.server.gallery;

import dev.easel.server.content.NsfwLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code posts}, {@code post_images} and {@code post_models} tables; plain SQL that runs on H2 and PostgreSQL. */
@Repository
class PostRepository {
    private static final String POST_COLUMNS =
            "p.id, p.owner_id, p.title, p.caption, p.visibility, p.hidden, p.like_count, p.created_at, p.updated_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    PostRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A post row without author details or images. */
    record PostRow(
            String id,
            long ownerId,
            String title,
            String caption,
            Visibility visibility,
            boolean hidden,
            long likeCount,
            Instant createdAt,
            Instant updatedAt) {}

    void insert(PostRow post, List<StoredImage> images) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("insert into posts (id, owner_id, title, caption, visibility, hidden, like_count, nsfw_rank,"
                            + " created_at, updated_at) values (?, ?, ?, ?, ?, false, 0, ?, ?, ?)")
                    .params(
                            post.id(),
                            post.ownerId(),
                            post.title(),
                            post.caption(),
                            post.visibility().name(),
                            nsfwRank(images),
                            Timestamp.from(post.createdAt()),
                            Timestamp.from(post.updatedAt()))
                    .update();
            for (StoredImage image : images) {
                insertImage(image);
            }
            images.stream()
                    .map(image -> image.parameters().model())
                    .filter(model -> model != null && !model.isBlank())
                    .distinct()
                    .forEach(model -> jdbc.sql("insert into post_models (model, post_id, created_at) values (?, ?, ?)")
                            .params(model, post.id(), Timestamp.from(post.createdAt()))
                            .update());
        });
    }

    private void insertImage(StoredImage image) {
        GenerationParameters p = image.parameters();
        jdbc.sql("insert into post_images (id, post_id, position, blob_sha256, media_type, width, height, nsfw_level,"
                        + " flagged, hidden, like_count, job_id, prompt, negative_prompt, seed, steps, cfg_scale, sampler,"
                        + " model, infotext) values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        image.id(),
                        image.postId(),
                        image.position(),
                        image.sha256(),
                        image.mediaType(),
                        image.width(),
                        image.height(),
                        image.nsfw().name(),
                        image.flagged(),
                        image.jobId(),
                        p.prompt(),
                        p.negativePrompt(),
                        p.seed(),
                        p.steps(),
                        p.cfgScale(),
                        p.sampler(),
                        p.model(),
                        p.infotext())
                .update();
    }

    Optional<PostRow> find(String id) {
        return jdbc.sql("select " + POST_COLUMNS + " from posts p where p.id = ?")
                .param(id)
                .query(PostRepository::post)
                .optional();
    }

    /** The id of the post holding an image; empty when there is no such image. */
    /** The posts that show the image file with this hash. */
    List<String> postsShowing(String sha256) {
        return jdbc.sql("select distinct post_id from post_images where blob_sha256 = ?")
                .param(sha256)
                .query(String.class)
                .list();
    }

    Optional<String> postOfImage(String imageId) {
        return jdbc.sql("select post_id from post_images where id = ?")
                .param(imageId)
                .query(String.class)
                .optional();
    }

    /** One more row than {@code query.limit()}, so the caller knows whether another page follows. */
    List<PostRow> list(PostQuery query) {
        ListSql list = listSql(query);
        return jdbc.sql(list.sql())
                .params(list.params())
                .query(PostRepository::post)
                .list();
    }

    /** A list query's SQL (column names are constants; every value is a named parameter). */
    record ListSql(String sql, Map<String, Object> params) {}

    ListSql listSql(PostQuery query) {
        StringBuilder sql = new StringBuilder("select " + POST_COLUMNS + " from posts p");
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        boolean byModel = query.model() != null;
        String time = byModel ? "m.created_at" : "p.created_at";
        String id = byModel ? "m.post_id" : "p.id";
        if (byModel) {
            sql.append(" join post_models m on m.post_id = p.id");
            where.add("m.model = :model");
            params.put("model", query.model());
        }
        if (query.ownerId() != null) {
            where.add("p.owner_id = :owner");
            params.put("owner", query.ownerId());
        }
        if (query.authorIds() != null) {
            where.add("p.owner_id in (:authors)");
            params.put("authors", query.authorIds());
        }
        if (!query.includeUnlisted()) {
            where.add("p.visibility = 'PUBLIC' and p.hidden = false");
        }
        if (query.maxNsfwRank() != null) {
            where.add("p.nsfw_rank <= :maxRank");
            params.put("maxRank", query.maxNsfwRank());
        }
        boolean mostLiked = query.order() == PostQuery.Order.MOST_LIKED;
        PostCursor after = query.after();
        if (after != null) {
            where.add(
                    mostLiked
                            ? "(p.like_count, p.created_at, p.id) < (:likes, :time, :id)"
                            : "(" + time + ", " + id + ") < (:time, :id)");
            params.put("likes", after.likes());
            params.put("time", Timestamp.from(after.createdAt()));
            params.put("id", after.id());
        }
        if (!where.isEmpty()) {
            sql.append(" where ").append(String.join(" and ", where));
        }
        sql.append(
                mostLiked
                        ? " order by p.like_count desc, p.created_at desc, p.id desc"
                        : " order by " + time + " desc, " + id + " desc");
        sql.append(" limit :limit");
        params.put("limit", query.limit() + 1);
        return new ListSql(sql.toString(), params);
    }

    /** The images of these posts, by post id, each list in position order. */
    Map<String, List<StoredImage>> images(Collection<String> postIds) {
        Map<String, List<StoredImage>> byPost = new LinkedHashMap<>();
        if (postIds.isEmpty()) {
            return byPost;
        }
        jdbc.sql("select * from post_images where post_id in (:ids) order by post_id, position")
                .param("ids", postIds)
                .query(PostRepository::image)
                .list()
                .forEach(image -> byPost.computeIfAbsent(image.postId(), key -> new ArrayList<>())
                        .add(image));
        return byPost;
    }

    /** Every public, unhidden post (for the search index). */
    List<PostRow> listed() {
        return jdbc.sql("select " + POST_COLUMNS + " from posts p where p.visibility = 'PUBLIC' and p.hidden = false")
                .query(PostRepository::post)
                .list();
    }

    void update(PostRow post, Map<String, NsfwLevel> imageLevels) {
        transactions.executeWithoutResult(status -> {
            imageLevels.forEach(
                    (imageId, level) -> jdbc.sql("update post_images set nsfw_level = ? where id = ? and post_id = ?")
                            .params(level.name(), imageId, post.id())
                            .update());
            List<StoredImage> images = images(List.of(post.id())).getOrDefault(post.id(), List.of());
            jdbc.sql("update posts set title = ?, caption = ?, visibility = ?, nsfw_rank = ?, updated_at = ?"
                            + " where id = ?")
                    .params(
                            post.title(),
                            post.caption(),
                            post.visibility().name(),
                            nsfwRank(images),
                            Timestamp.from(post.updatedAt()),
                            post.id())
                    .update();
        });
    }

    void delete(String id) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from post_models where post_id = ?").param(id).update();
            jdbc.sql("delete from post_images where post_id = ?").param(id).update();
            jdbc.sql("delete from posts where id = ?").param(id).update();
        });
    }

    /** @return whether the post exists */
    boolean setHidden(String id, boolean hidden) {
        return jdbc.sql("update posts set hidden = ? where id = ?")
                        .params(hidden, id)
                        .update()
                > 0;
    }

    /** @return whether the image exists */
    boolean setImageHidden(String imageId, boolean hidden) {
        return jdbc.sql("update post_images set hidden = ? where id = ?")
                        .params(hidden, imageId)
                        .update()
                > 0;
    }

    void setPostLikes(String id, long likes) {
        jdbc.sql("update posts set like_count = ? where id = ?")
                .params(likes, id)
                .update();
    }

    void setImageLikes(String imageId, long likes) {
        jdbc.sql("update post_images set like_count = ? where id = ?")
                .params(likes, imageId)
                .update();
    }

    private static int nsfwRank(List<StoredImage> images) {
        return images.stream()
                .mapToInt(image -> StoredImage.rank(image.effectiveNsfw()))
                .max()
                .orElse(0);
    }

    private static PostRow post(ResultSet rs, int row) throws SQLException {
        return new PostRow(
                rs.getString("id"),
                rs.getLong("owner_id"),
                rs.getString("title"),
                rs.getString("caption"),
                Visibility.valueOf(rs.getString("visibility")),
                rs.getBoolean("hidden"),
                rs.getLong("like_count"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static StoredImage image(ResultSet rs, int row) throws SQLException {
        GenerationParameters parameters = new GenerationParameters(
                rs.getString("prompt"),
                rs.getString("negative_prompt"),
                rs.getObject("seed", Long.class),
                rs.getObject("steps", Integer.class),
                rs.getObject("cfg_scale", Double.class),
                rs.getString("sampler"),
                rs.getString("model"),
                rs.getString("infotext"));
        return new StoredImage(
                rs.getString("id"),
                rs.getString("post_id"),
                rs.getInt("position"),
                rs.getString("blob_sha256"),
                rs.getString("media_type"),
                rs.getInt("width"),
                rs.getInt("height"),
                NsfwLevel.valueOf(rs.getString("nsfw_level")),
                rs.getBoolean("flagged"),
                rs.getBoolean("hidden"),
                rs.getLong("like_count"),
                rs.getString("job_id"),
                parameters);
    }
}
