package dev.easel.server.generation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Jobs and their images in the database; plain SQL that runs on H2 and PostgreSQL. */
@Repository
public class JobRepository {
    /** Whether one of the owner's jobs made the image with this hash. */
    boolean hasImage(long ownerId, String sha256) {
        return jdbc.sql("select count(*) from job_images i join jobs j on j.id = i.job_id"
                                + " where i.blob_sha256 = ? and j.owner_id = ?")
                        .params(sha256, ownerId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, owner_id, state, request_json, request_key, seed, created_at,"
            + " started_at, finished_at, error, batch_sizes";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JobRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public void insert(Job job) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("insert into jobs (id, owner_id, state, priority, model, request_json, request_key, seed,"
                            + " image_count, created_at, started_at, finished_at, error, batch_sizes)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            job.id(),
                            job.ownerId(),
                            job.state().name(),
                            job.request().priority(),
                            job.request().model(),
                            JSON.writeValueAsString(job.request()),
                            job.requestKey(),
                            job.seed(),
                            job.request().count(),
                            timestamp(job.createdAt()),
                            timestamp(job.startedAt()),
                            timestamp(job.finishedAt()),
                            job.error(),
                            job.batchSizes())
                    .update();
            insertImages(job.id(), job.images());
        });
    }

    public Optional<Job> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from jobs where id = ?")
                .param(id)
                .query(JobRepository::row)
                .optional()
                .map(this::withImages);
    }

    /** A user's jobs, newest first. */
    public List<Job> listByOwner(long ownerId, int limit) {
        List<Job> jobs = jdbc.sql("select " + COLUMNS + " from jobs where owner_id = ? order by created_at desc, id"
                        + " fetch first " + limit + " rows only")
                .param(ownerId)
                .query(JobRepository::row)
                .list();
        return withImages(jobs);
    }

    /** Jobs that were accepted but not finished, oldest first: what a restart must run. */
    public List<Job> unfinished() {
        return jdbc.sql("select " + COLUMNS + " from jobs where state in ('QUEUED', 'RUNNING') order by created_at, id")
                .query(JobRepository::row)
                .list();
    }

    /** A finished job with the same exact-result key, if any. */
    public Optional<Job> findDoneByKey(String requestKey) {
        return jdbc.sql("select " + COLUMNS + " from jobs where request_key = ? and state = 'DONE'"
                        + " order by finished_at fetch first 1 rows only")
                .param(requestKey)
                .query(JobRepository::row)
                .optional()
                .map(this::withImages);
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
                        timestamp(after.finishedAt()),
                        timestamp(after.finishedAt()),
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
                        JSON.readValue(rs.getString("request_json"), JobRequest.class)
                                .prompt(),
                        instant(rs.getTimestamp("finished_at"))))
                .list();
    }

    public int countInFlight(long ownerId) {
        return jdbc.sql("select count(*) from jobs where owner_id = ? and state in ('QUEUED', 'RUNNING')")
                .param(ownerId)
                .query(Integer.class)
                .single();
    }

    // Every state change below is conditional on the state the caller expects, and reports whether it happened: a
    // change that lost a race (a cancel, a second start, a late finish) updates nothing and must have no effects.

    /** QUEUED to RUNNING; false when the job was not queued (started elsewhere, canceled, finished). */
    public boolean markRunning(String id, Instant startedAt) {
        return jdbc.sql("update jobs set state = 'RUNNING', started_at = ? where id = ? and state = 'QUEUED'")
                        .params(timestamp(startedAt), id)
                        .update()
                > 0;
    }

    /** RUNNING to QUEUED, after a restart; false when the job was not running. */
    public boolean requeue(String id) {
        return jdbc.sql("update jobs set state = 'QUEUED', started_at = null where id = ? and state = 'RUNNING'")
                        .param(id)
                        .update()
                > 0;
    }

    /** Finishes a job in state {@code from} with its images, in one transaction; false when it was not in it. */
    public boolean complete(String id, JobState from, List<JobImage> images, String batchSizes, Instant at) {
        Boolean done = transactions.execute(status -> {
            int updated = jdbc.sql("update jobs set state = 'DONE', finished_at = ?, batch_sizes = ?"
                            + " where id = ? and state = ?")
                    .params(timestamp(at), batchSizes, id, from.name())
                    .update();
            if (updated == 0) {
                return false;
            }
            insertImages(id, images);
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /** Ends a job in state {@code from} as FAILED or CANCELED; false when it was not in it. */
    public boolean finishWithout(String id, JobState from, JobState to, String error, Instant at) {
        return jdbc.sql("update jobs set state = ?, error = ?, finished_at = ? where id = ? and state = ?")
                        .params(to.name(), error, timestamp(at), id, from.name())
                        .update()
                > 0;
    }

    private void insertImages(String jobId, List<JobImage> images) {
        for (JobImage image : images) {
            jdbc.sql("insert into job_images (job_id, image_index, seed, blob_sha256, nsfw, infotext)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(jobId, image.index(), image.seed(), image.sha256(), image.nsfw(), image.infotext())
                    .update();
        }
    }

    private Job withImages(Job job) {
        return withImages(List.of(job)).get(0);
    }

    // One query for the images of a whole page of jobs: no N+1.
    private List<Job> withImages(List<Job> jobs) {
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
                .map(j -> new Job(
                        j.id(),
                        j.ownerId(),
                        j.state(),
                        j.request(),
                        j.requestKey(),
                        j.seed(),
                        j.createdAt(),
                        j.startedAt(),
                        j.finishedAt(),
                        j.error(),
                        j.batchSizes(),
                        List.copyOf(images.get(j.id()))))
                .toList();
    }

    private static Job row(ResultSet rs, int rowNum) throws SQLException {
        return new Job(
                rs.getString("id"),
                rs.getLong("owner_id"),
                JobState.valueOf(rs.getString("state")),
                JSON.readValue(rs.getString("request_json"), JobRequest.class),
                rs.getString("request_key"),
                rs.getLong("seed"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getString("error"),
                rs.getString("batch_sizes"),
                List.of());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
