package dev.easel.server.generation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Jobs and their images in the database; plain SQL that runs on H2 and PostgreSQL. */
@Repository
public class JobRepository {
    /** Jobs a claim may take: waiting, and not following an identical job in flight. */
    private static final String CLAIMABLE = "state = 'QUEUED' and follows is null";

    /** What admission decided. */
    enum Admission {
        ADMITTED,
        USER_LIMIT,
        QUEUE_FULL
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final GeneratedImages images;

    public JobRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.images = new GeneratedImages(jdbc);
    }

    /** Inserts a job as it is (fixtures, and jobs answered from the exact-result cache, which never queue). */
    public void insert(Job job) {
        transactions.executeWithoutResult(status -> insertRow(job, null, 0));
    }

    /**
     * Admits a new QUEUED job atomically: under the lock of the one {@code job_admission} row (held by every admission,
     * on every node, until commit), counts the owner's jobs in flight and the jobs waiting, and inserts the job only
     * when both are below their limits. Concurrent submissions cannot pass either limit.
     *
     * @param follows the job in flight whose images this one waits for, or null to be claimed by itself
     */
    Admission admit(Job job, String follows, int maxPerUser, int capacity) {
        return transactions.execute(status -> {
            jdbc.sql("select id from job_admission where id = 1 for update")
                    .query(Integer.class)
                    .single();
            if (countInFlight(job.ownerId()) >= maxPerUser) {
                return Admission.USER_LIMIT;
            }
            if (size() >= capacity) {
                return Admission.QUEUE_FULL;
            }
            insertRow(job, follows, nextTurn(job));
            return Admission.ADMITTED;
        });
    }

    /**
     * Per-user round robin within a model and priority: the owner's next job takes the turn after their last waiting
     * one; an owner with none waiting joins the earliest turn still waiting (behind the jobs already in it).
     */
    private long nextTurn(Job job) {
        Long mine = jdbc.sql("select max(turn) from jobs where " + CLAIMABLE
                        + " and model = ? and priority = ? and owner_id = ?")
                .params(job.request().model(), job.request().priority(), job.ownerId())
                .query(Long.class)
                .optional()
                .orElse(null);
        if (mine != null) {
            return mine + 1;
        }
        Long current = jdbc.sql("select min(turn) from jobs where " + CLAIMABLE + " and model = ? and priority = ?")
                .params(job.request().model(), job.request().priority())
                .query(Long.class)
                .optional()
                .orElse(null);
        return current == null ? 0 : current;
    }

    private void insertRow(Job job, String follows, long turn) {
        Instant queuedAt = job.state() == JobState.QUEUED ? Instant.now() : null;
        jdbc.sql("insert into jobs (id, owner_id, state, priority, model, request_json, request_key, seed,"
                        + " image_count, created_at, started_at, finished_at, error, batch_sizes, turn, queued_at,"
                        + " follows) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        job.id(),
                        job.ownerId(),
                        job.state().name(),
                        job.request().priority(),
                        job.request().model(),
                        JobRows.JSON.writeValueAsString(job.request()),
                        job.requestKey(),
                        job.seed(),
                        job.request().count(),
                        JobRows.timestamp(job.createdAt()),
                        JobRows.timestamp(job.startedAt()),
                        JobRows.timestamp(job.finishedAt()),
                        job.error(),
                        job.batchSizes(),
                        turn,
                        JobRows.timestamp(queuedAt),
                        follows)
                .update();
        images.insert(job.id(), job.images());
    }

    public Optional<Job> find(String id) {
        return jdbc.sql("select " + JobRows.COLUMNS + " from jobs where id = ?")
                .param(id)
                .query(JobRows::row)
                .optional()
                .map(this::withImages);
    }

    /** A user's jobs, newest first. */
    public List<Job> listByOwner(long ownerId, int limit) {
        List<Job> jobs = jdbc.sql(
                        "select " + JobRows.COLUMNS + " from jobs where owner_id = ? order by created_at desc, id"
                                + " fetch first " + limit + " rows only")
                .param(ownerId)
                .query(JobRows::row)
                .list();
        return images.attach(jobs);
    }

    /** Jobs that were accepted but not finished, oldest first: what a restart must run. */
    public List<Job> unfinished() {
        return jdbc.sql("select " + JobRows.COLUMNS
                        + " from jobs where state in ('QUEUED', 'RUNNING') order by created_at, id")
                .query(JobRows::row)
                .list();
    }

    /** A finished job with the same exact-result key, if any. */
    public Optional<Job> findDoneByKey(String requestKey) {
        return jdbc.sql("select " + JobRows.COLUMNS + " from jobs where request_key = ? and state = 'DONE'"
                        + " order by finished_at fetch first 1 rows only")
                .param(requestKey)
                .query(JobRows::row)
                .optional()
                .map(this::withImages);
    }

    public int countInFlight(long ownerId) {
        return jdbc.sql("select count(*) from jobs where owner_id = ? and state in ('QUEUED', 'RUNNING')")
                .param(ownerId)
                .query(Integer.class)
                .single();
    }

    // Every state change below is conditional on the state the caller expects, and, for a claimed job, on the claim's
    // fencing token; each reports whether it happened: a change that lost a race (a cancel, a late finish, a node
    // whose lease expired) updates nothing and must have no effects.

    /**
     * Claims for {@code node} the model's waiting jobs in service order (priority, then per-user turn, then age): up
     * to {@code room} images' worth, and at least one job when any waits. One transaction on H2 and PostgreSQL: the
     * candidates are locked with {@code FOR UPDATE SKIP LOCKED} (rows another claimer holds are skipped, never waited
     * for) and updated to RUNNING with the node, the lease, one more attempt and the claim's token.
     */
    List<Job> claim(String model, String node, int room, long token, Instant now, Instant leaseUntil) {
        return transactions.execute(status -> {
            List<String[]> candidates = jdbc.sql("select id, image_count from jobs where " + CLAIMABLE
                            + " and model = ? order by priority desc, turn, created_at, id fetch first "
                            + Math.max(1, room) + " rows only for update skip locked")
                    .param(model)
                    .query((rs, n) -> new String[] {rs.getString("id"), Integer.toString(rs.getInt("image_count"))})
                    .list();
            List<String> ids = new ArrayList<>();
            int images = 0;
            for (String[] candidate : candidates) {
                int count = Integer.parseInt(candidate[1]);
                if (!ids.isEmpty() && images + count > room) {
                    break;
                }
                ids.add(candidate[0]);
                images += count;
            }
            if (ids.isEmpty()) {
                return List.<Job>of();
            }
            String in = String.join(",", Collections.nCopies(ids.size(), "?"));
            List<Object> params =
                    new ArrayList<>(List.of(node, JobRows.timestamp(leaseUntil), token, JobRows.timestamp(now)));
            params.addAll(ids);
            jdbc.sql("update jobs set state = 'RUNNING', node = ?, lease_until = ?, attempt = attempt + 1,"
                            + " claim_token = ?, started_at = ? where state = 'QUEUED' and id in (" + in + ")")
                    .params(params)
                    .update();
            List<Object> select = new ArrayList<>(List.of(token));
            select.addAll(ids);
            Map<String, Job> claimed = new LinkedHashMap<>();
            jdbc.sql("select " + JobRows.COLUMNS + " from jobs where state = 'RUNNING' and claim_token = ? and id in ("
                            + in + ")")
                    .params(select)
                    .query(JobRows::row)
                    .list()
                    .forEach(job -> claimed.put(job.id(), job));
            return ids.stream().filter(claimed::containsKey).map(claimed::get).toList();
        });
    }

    /** Extends the leases of the node's running jobs that it holds under these claims, in one statement. */
    int renew(String node, Collection<Long> tokens, Instant leaseUntil) {
        if (tokens.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>(List.of(JobRows.timestamp(leaseUntil), node));
        params.addAll(tokens);
        return jdbc.sql("update jobs set lease_until = ? where state = 'RUNNING' and node = ? and claim_token in ("
                        + String.join(",", Collections.nCopies(tokens.size(), "?")) + ")")
                .params(params)
                .update();
    }

    /** Running jobs whose lease ran out before {@code now}: their node stopped renewing (died, paused, cut off). */
    List<Job> expiredLeases(Instant now) {
        return jdbc.sql("select " + JobRows.COLUMNS + " from jobs where state = 'RUNNING' and lease_until < ?"
                        + " order by lease_until, id")
                .param(JobRows.timestamp(now))
                .query(JobRows::row)
                .list();
    }

    /**
     * Running jobs that a node with this id held: what it must give back when it starts again. Running jobs without
     * a node predate claims (they were running when a server without leases stopped) and are taken as its own.
     */
    List<Job> runningOn(String node) {
        return jdbc.sql("select " + JobRows.COLUMNS
                        + " from jobs where state = 'RUNNING' and (node = ? or node is null)"
                        + " order by created_at, id")
                .param(node)
                .query(JobRows::row)
                .list();
    }

    /**
     * RUNNING back to QUEUED, where the claim is still {@code token} (null: a job without a claim) and, when {@code
     * expiredBy} is given, where the lease is still expired at that instant (a renewal meanwhile wins).
     */
    boolean requeue(String id, Long token, Instant expiredBy, Instant now) {
        return jdbc.sql("update jobs set state = 'QUEUED', node = null, lease_until = null, claim_token = null,"
                                + " started_at = null, queued_at = ? where id = ? and state = 'RUNNING'"
                                + fence(token) + (expiredBy == null ? "" : " and lease_until < ?"))
                        .params(params(Arrays.asList(JobRows.timestamp(now), id), token, expiredBy))
                        .update()
                > 0;
    }

    /** Finishes a job in state {@code from} (under claim {@code token} when given) with its images, in one transaction. */
    public boolean complete(
            String id, JobState from, Long token, List<JobImage> images, String batchSizes, Instant at) {
        Boolean done = transactions.execute(status -> {
            int updated = jdbc.sql("update jobs set state = 'DONE', finished_at = ?, batch_sizes = ?,"
                            + " lease_until = null where id = ? and state = ?" + fence(token))
                    .params(params(Arrays.asList(JobRows.timestamp(at), batchSizes, id, from.name()), token, null))
                    .update();
            if (updated == 0) {
                return false;
            }
            this.images.insert(id, images);
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /**
     * Ends a job in state {@code from} (under claim {@code token} when given; where the lease is still expired at
     * {@code expiredBy} when given) as FAILED or CANCELED; false when it was not in it.
     */
    public boolean finishWithout(
            String id, JobState from, Long token, Instant expiredBy, JobState to, String error, Instant at) {
        return jdbc.sql("update jobs set state = ?, error = ?, finished_at = ?, lease_until = null"
                                + " where id = ? and state = ?" + fence(token)
                                + (expiredBy == null ? "" : " and lease_until < ?"))
                        .params(params(
                                Arrays.asList(to.name(), error, JobRows.timestamp(at), id, from.name()),
                                token,
                                expiredBy))
                        .update()
                > 0;
    }

    /** The job now follows {@code leader} (not claimable), or, with null, waits to be claimed itself. */
    boolean follow(String id, String leader, Instant now) {
        return jdbc.sql("update jobs set follows = ?, queued_at = ? where id = ? and state = 'QUEUED'")
                        .params(leader, JobRows.timestamp(now), id)
                        .update()
                > 0;
    }

    /**
     * Waiting jobs that follow a job no longer in flight (its node died, or this node restarted and forgot who
     * follows whom; with {@code all}, every follower) go back to being claimable by themselves.
     */
    int releaseFollowers(boolean all, Instant now) {
        return jdbc.sql("update jobs set follows = null, queued_at = ? where state = 'QUEUED' and follows is not null"
                        + (all
                                ? ""
                                : " and not exists (select 1 from jobs l where l.id = jobs.follows"
                                        + " and l.state in ('QUEUED', 'RUNNING'))"))
                .param(JobRows.timestamp(now))
                .update();
    }

    /** Waiting jobs that joined the queue before the instant (followers excepted: they end with their leader). */
    List<Job> waitingSince(Instant before) {
        return jdbc.sql("select " + JobRows.COLUMNS + " from jobs where " + CLAIMABLE
                        + " and queued_at < ? order by queued_at")
                .param(JobRows.timestamp(before))
                .query(JobRows::row)
                .list();
    }

    /** Jobs waiting to be claimed, across models. */
    int size() {
        return jdbc.sql("select count(*) from jobs where " + CLAIMABLE)
                .query(Integer.class)
                .single();
    }

    /** Models with jobs waiting to be claimed. */
    List<String> waitingModels() {
        return jdbc.sql("select distinct model from jobs where " + CLAIMABLE)
                .query(String.class)
                .list();
    }

    boolean waiting(String model) {
        return jdbc.sql("select count(*) from jobs where " + CLAIMABLE + " and model = ?")
                        .param(model)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** How many waiting jobs a claim would take before this one, or -1 when it is not waiting to be claimed. */
    int position(String id) {
        boolean waiting = jdbc.sql("select count(*) from jobs where " + CLAIMABLE + " and id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single()
                > 0;
        if (!waiting) {
            return -1;
        }
        return jdbc.sql("select count(*) from jobs o join jobs j on o.model = j.model where j.id = ?"
                        + " and o.state = 'QUEUED' and o.follows is null and (o.priority > j.priority"
                        + " or (o.priority = j.priority and (o.turn < j.turn or (o.turn = j.turn"
                        + " and (o.created_at < j.created_at or (o.created_at = j.created_at and o.id < j.id))))))")
                .param(id)
                .query(Integer.class)
                .single();
    }

    private static String fence(Long token) {
        return token == null ? "" : " and claim_token = ?";
    }

    private static List<Object> params(List<Object> leading, Long token, Instant expiredBy) {
        List<Object> all = new ArrayList<>(leading);
        if (token != null) {
            all.add(token);
        }
        if (expiredBy != null) {
            all.add(JobRows.timestamp(expiredBy));
        }
        return all;
    }

    private Job withImages(Job job) {
        return images.attach(List.of(job)).get(0);
    }
}
