package dev.easel.server.generation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What generation tells other features about the images jobs made: whose job made an image (access checks) and the
 * images the safety checker flagged (the moderators' list).
 */
@Repository
public class GeneratedImages {
    private final JdbcClient jdbc;

    public GeneratedImages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether one of the owner's jobs made the image with this hash. */
    public boolean hasImage(long ownerId, String sha256) {
        return jdbc.sql("select count(*) from job_images i join jobs j on j.id = i.job_id"
                                + " where i.blob_sha256 = ? and j.owner_id = ?")
                        .params(sha256, ownerId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Flagged images, newest job first: a keyset page that starts after {@code after} (null for the first page), so
     * deep pages cost the same as the first.
     */
    public List<FlaggedImage> flaggedImages(FlaggedImage after, int limit) {
        String keyset = after == null
                ? ""
                : " and (j.finished_at < ? or (j.finished_at = ? and (j.id > ? or (j.id = ? and i.image_index > ?))))";
        List<Object> params = after == null
                ? List.of()
                : List.of(
                        JobRows.timestamp(after.finishedAt()),
                        JobRows.timestamp(after.finishedAt()),
                        after.jobId(),
                        after.jobId(),
                        after.index());
        return jdbc.sql("select j.id, j.owner_id, j.request_json, j.finished_at, i.image_index, i.blob_sha256"
                        + " from job_images i join jobs j on j.id = i.job_id where i.nsfw = true" + keyset
                        + " order by j.finished_at desc, j.id, i.image_index fetch first " + limit + " rows only")
                .params(params)
                .query((rs, row) -> new FlaggedImage(
                        rs.getString("id"),
                        rs.getInt("image_index"),
                        rs.getLong("owner_id"),
                        rs.getString("blob_sha256"),
                        JobRows.JSON
                                .readValue(rs.getString("request_json"), JobRequest.class)
                                .prompt(),
                        JobRows.instant(rs.getTimestamp("finished_at"))))
                .list();
    }

    /** Stores a finished job's image rows (inside the caller's transaction). */
    void insert(String jobId, List<JobImage> images) {
        for (JobImage image : images) {
            jdbc.sql("insert into job_images (job_id, image_index, seed, blob_sha256, nsfw, infotext)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(jobId, image.index(), image.seed(), image.sha256(), image.nsfw(), image.infotext())
                    .update();
        }
    }

    /** The jobs with their images: one query for a whole page of jobs, no N+1. */
    List<Job> attach(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return jobs;
        }
        Map<String, List<JobImage>> images = new LinkedHashMap<>();
        jobs.forEach(j -> images.put(j.id(), new ArrayList<>()));
        String placeholders = String.join(",", Collections.nCopies(jobs.size(), "?"));
        jdbc.sql("select job_id, image_index, seed, blob_sha256, nsfw, infotext from job_images where job_id in ("
                        + placeholders + ") order by job_id, image_index")
                .params(jobs.stream().map(Job::id).toList())
                .query(rs -> {
                    images.get(rs.getString("job_id"))
                            .add(new JobImage(
                                    rs.getInt("image_index"),
                                    rs.getLong("seed"),
                                    rs.getString("blob_sha256"),
                                    rs.getBoolean("nsfw"),
                                    rs.getString("infotext")));
                });
        return jobs.stream()
                .map(j -> j.withImages(List.copyOf(images.get(j.id()))))
                .toList();
    }
}
