package dev.easel.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.accounts.ApiKeyService;
import dev.easel.server.accounts.NewUser;
import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.RandomIds;
import dev.easel.server.content.ContentDirectories;
import dev.easel.server.content.ContentKind;
import dev.easel.server.generation.Job;
import dev.easel.server.generation.JobImage;
import dev.easel.server.generation.JobRepository;
import dev.easel.server.generation.JobRequest;
import dev.easel.server.generation.JobState;
import dev.easel.server.testing.ApiClient;
import dev.easel.server.testing.ApiClient.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Reports and the moderator's desk over real HTTP on the embedded defaults, on real gallery posts and real users: who may report and moderate, the queue, actions and their audit log, the automatic catches.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "easel.auth.admin-api-key=" + ModerationApiTest.ADMIN_KEY)
class ModerationApiTest {
    static final String ADMIN_KEY = "moderation-test-operator-key";
    static final Path ROOT = tempDir();
    static final Path MODEL = TinyModels.write(ROOT.resolve("models/tiny"), TinyModelSpec.defaults());
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String KIND = ContentKind.POST.plural();
    private static final AtomicInteger ITEMS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    @Autowired
    ContentDirectories directories;

    private final Map<String, String> titles = new ConcurrentHashMap<>();

    @Autowired
    JobRepository jobs;

    ApiClient admin;
    ApiClient anonymous;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-moderation-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Caller(UserAccount user, ApiClient api, String key) {}

    @BeforeEach
    void clients() {
        admin = new ApiClient(port, ADMIN_KEY);
        anonymous = new ApiClient(port, null);
    }

    private Caller user() {
        UserAccount user = users.create(new NewUser("mod-test-" + USERS.incrementAndGet(), null, "password-123"));
        String key = keys.create(user, "test").secret();
        return new Caller(user, new ApiClient(port, key), key);
    }

    /** A moderator, made so by the built-in admin. */
    private Caller moderator() {
        Caller caller = user();
        UserAccount operator = users.findByUsername(UserService.ADMIN).orElseThrow();
        return new Caller(users.setRole(operator, caller.user().id(), Role.MODERATOR), caller.api(), caller.key());
    }

    /** A real gallery post of {@code owner}, from an uploaded PNG. */
    private String item(Caller owner, boolean isPrivate) {
        String title = "item " + ITEMS.incrementAndGet();
        byte[] rgb = new byte[8 * 8 * 3];
        byte[] png = PngImages.encode(new RgbImage(8, 8, rgb), "a lighthouse\nSteps: 20, Seed: 42, Size: 8x8");
        ApiClient.Response created = new ApiClient(port, owner.key())
                .multipart(
                        "/api/v1/posts",
                        List.of(
                                Part.field("post", """
                                        {"title": "%s", "visibility": "%s", "uploads": [{"nsfw": "PG"}]}""".formatted(title, isPrivate ? "PRIVATE" : "PUBLIC")),
                                Part.file("files", "a.png", "image/png", png)));
        String id = status(201, created).path("id").asString();
        titles.put(id, title);
        return id;
    }

    private boolean isHidden(String postId) {
        return directories.findAny(ContentKind.POST, postId).orElseThrow().hidden();
    }

    private static String report(String kind, String id, String reason, String details) {
        return """
                {"kind": %s, "id": %s, "reason": %s, "details": %s}""".formatted(quoted(kind), quoted(id), quoted(reason), quoted(details));
    }

    private static String action(String action, String kind, String id, String reason) {
        return """
                {"action": %s, "kind": %s, "id": %s, "reason": %s}""".formatted(quoted(action), quoted(kind), quoted(id), quoted(reason));
    }

    private static String quoted(String value) {
        return value == null ? "null" : ApiClient.JSON.writeValueAsString(value);
    }

    private static JsonNode status(int expected, ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : response.json();
    }

    @Test
    void signedInUsersReportWhatTheySeeOncePerTarget() {
        Caller owner = user();
        Caller reporter = user();
        String id = item(owner, false);

        status(401, anonymous.post("/api/v1/reports", report(KIND, id, "spam", null)));
        JsonNode filed = status(201, reporter.api().post("/api/v1/reports", report(KIND, id, "Spam", "buy followers")));
        assertThat(filed.path("kind").asString()).isEqualTo(KIND);
        assertThat(filed.path("targetId").asString()).isEqualTo(id);
        assertThat(filed.path("reason").asString()).isEqualTo("SPAM");
        assertThat(filed.path("details").asString()).isEqualTo("buy followers");
        assertThat(filed.path("status").asString()).isEqualTo("OPEN");
        assertThat(filed.path("reporterId").asLong()).isEqualTo(reporter.user().id());

        status(409, reporter.api().post("/api/v1/reports", report(KIND, id, "harassment", null)));
        status(201, user().api().post("/api/v1/reports", report(KIND, id, "harassment", null)));

        long reportId = filed.path("id").asLong();
        status(
                200,
                admin.post("/api/v1/moderation/reports/" + reportId + "/resolve", "{\"resolution\": \"dismissed\"}"));
        status(
                409,
                admin.post("/api/v1/moderation/reports/" + reportId + "/resolve", "{\"resolution\": \"dismissed\"}"));
        status(201, reporter.api().post("/api/v1/reports", report(KIND, id, "spam", null)));
    }

    @Test
    void aReportOfSomethingTheReporterCannotSeeIsNotFound() {
        Caller owner = user();
        String secret = item(owner, true);
        status(404, user().api().post("/api/v1/reports", report(KIND, secret, "spam", null)));
        status(404, user().api().post("/api/v1/reports", report(KIND, RandomIds.next(), "spam", null)));
        status(404, user().api().post("/api/v1/reports", report("posts", RandomIds.next(), "spam", null)));
        JsonNode own = status(400, owner.api().post("/api/v1/reports", report(KIND, secret, "spam", null)));
        assertThat(own.path("field").asString()).isEqualTo("id");
    }

    @Test
    void everyBadReportFieldIsA400NamingIt() {
        Caller reporter = user();
        String id = item(user(), false);
        String[][] cases = {
            {report(null, id, "spam", null), "kind"},
            {report("widgets", id, "spam", null), "kind"},
            {report(KIND, null, "spam", null), "id"},
            {report(KIND, " ", "spam", null), "id"},
            {report(KIND, "x".repeat(65), "spam", null), "id"},
            {report(KIND, id, null, null), "reason"},
            {report(KIND, id, "boring", null), "reason"},
            {report(KIND, id, "other", null), "details"},
            {report(KIND, id, "other", "  "), "details"},
            {report(KIND, id, "spam", "d".repeat(2001)), "details"},
            {"{\"kind\": \"models\", \"id\": [], \"reason\": \"spam\"}", "id"},
        };
        for (String[] bad : cases) {
            JsonNode error = status(400, reporter.api().post("/api/v1/reports", bad[0]));
            assertThat(error.path("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
        status(400, reporter.api().post("/api/v1/reports", "not json"));
        JsonNode other =
                status(201, reporter.api().post("/api/v1/reports", report(KIND, id, "OTHER", "d".repeat(2000))));
        assertThat(other.path("details").asString()).hasSize(2000);
    }

    @Test
    void nonModeratorsCannotUseTheDesk() {
        Caller plain = user();
        Caller owner = user();
        String id = item(owner, false);
        String hide = action("hide", KIND, id, "spam");
        String suspend = action("suspend", "users", Long.toString(owner.user().id()), "spam");
        for (ApiClient caller : List.of(plain.api(), anonymous)) {
            for (String path : List.of(
                    "/api/v1/moderation/queue",
                    "/api/v1/moderation/reports?kind=" + KIND + "&id=" + id,
                    "/api/v1/moderation/audit",
                    "/api/v1/moderation/prompt-rejections",
                    "/api/v1/moderation/flagged-images",
                    "/api/v1/moderation/queue?limit=nonsense")) {
                status(403, caller.get(path));
            }
            status(403, caller.post("/api/v1/moderation/actions", hide));
            status(403, caller.post("/api/v1/moderation/actions", suspend));
            status(403, caller.post("/api/v1/moderation/reports/1/resolve", "{\"resolution\": \"dismissed\"}"));
        }
        assertThat(isHidden(id)).isFalse();
        assertThat(users.isSuspended(owner.user().id())).isFalse();
    }

    @Test
    void queueGroupsOpenReportsByTargetNewestOrMostReportedFirst() {
        Caller owner = user();
        String many = item(owner, false);
        String one = item(owner, false);
        for (String reason : List.of("spam", "spam", "tos_violation")) {
            status(201, user().api().post("/api/v1/reports", report(KIND, many, reason, null)));
        }
        status(201, user().api().post("/api/v1/reports", report(KIND, one, "minor", "looks underage")));
        Caller moderator = moderator();

        List<JsonNode> newest = walk(moderator.api(), "sort=newest", id -> id.equals(many) || id.equals(one));
        assertThat(newest).extracting(t -> t.path("id").asString()).containsExactly(one, many);
        JsonNode top = newest.get(1);
        assertThat(top.path("reports").asLong()).isEqualTo(3);
        assertThat(top.path("reasons").path("SPAM").asLong()).isEqualTo(2);
        assertThat(top.path("reasons").path("TOS_VIOLATION").asLong()).isEqualTo(1);
        assertThat(top.path("title").asString()).isEqualTo(titles.get(many));
        assertThat(top.path("ownerId").asLong()).isEqualTo(owner.user().id());
        assertThat(top.path("hidden").asBoolean()).isFalse();
        assertThat(top.path("kind").asString()).isEqualTo(KIND);

        List<JsonNode> mostReported =
                walk(moderator.api(), "sort=most_reported", id -> id.equals(many) || id.equals(one));
        assertThat(mostReported).extracting(t -> t.path("id").asString()).containsExactly(many, one);

        JsonNode reports = status(200, moderator.api().get("/api/v1/moderation/reports?kind=" + KIND + "&id=" + one));
        assertThat(reports.size()).isEqualTo(1);
        assertThat(reports.path(0).path("details").asString()).isEqualTo("looks underage");
    }

    /** The queue entries of interest over all pages of one, checking no target appears twice. */
    private List<JsonNode> walk(ApiClient api, String query, Predicate<String> wanted) {
        List<JsonNode> found = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 200; page++) {
            JsonNode body = status(
                    200,
                    api.get("/api/v1/moderation/queue?limit=1&" + query + (cursor == null ? "" : "&cursor=" + cursor)));
            for (JsonNode target : body.path("items")) {
                String key =
                        target.path("kind").asString() + ":" + target.path("id").asString();
                assertThat(seen).doesNotContain(key);
                seen.add(key);
                if (wanted.test(target.path("id").asString())) {
                    found.add(target);
                }
            }
            if (body.path("nextCursor").isNull()) {
                return found;
            }
            cursor = body.path("nextCursor").asString();
        }
        throw new AssertionError("queue did not end");
    }

    @Test
    void hidingRemovesAnItemForOthersClosesItsReportsAndIsAudited() {
        Caller owner = user();
        Caller reporter = user();
        Caller moderator = moderator();
        String id = item(owner, false);
        long reportId = status(201, reporter.api().post("/api/v1/reports", report(KIND, id, "nsfw_mislabeled", null)))
                .path("id")
                .asLong();
        awaitSearch(reporter.api(), id, true);

        JsonNode hidden =
                status(201, moderator.api().post("/api/v1/moderation/actions", action("hide", KIND, id, "X rated")));
        assertThat(hidden.path("action").asString()).isEqualTo("HIDE");
        assertThat(hidden.path("moderatorId").asLong())
                .isEqualTo(moderator.user().id());
        assertThat(hidden.path("reason").asString()).isEqualTo("X rated");
        assertThat(isHidden(id)).isTrue();
        // Others no longer find it: neither in search nor to report it again.
        awaitSearch(reporter.api(), id, false);
        status(404, user().api().post("/api/v1/reports", report(KIND, id, "spam", null)));
        JsonNode closed =
                status(200, moderator.api().get("/api/v1/moderation/reports?status=all&kind=" + KIND + "&id=" + id));
        assertThat(closed.path(0).path("id").asLong()).isEqualTo(reportId);
        assertThat(closed.path(0).path("status").asString()).isEqualTo("ACTIONED");
        assertThat(closed.path(0).path("resolvedBy").asLong())
                .isEqualTo(moderator.user().id());
        assertThat(walk(moderator.api(), "sort=newest", id::equals)).isEmpty();

        status(201, moderator.api().post("/api/v1/moderation/actions", action("unhide", KIND, id, "appeal granted")));
        assertThat(isHidden(id)).isFalse();
        awaitSearch(reporter.api(), id, true);

        JsonNode log = status(200, moderator.api().get("/api/v1/moderation/audit?kind=" + KIND + "&id=" + id));
        assertThat(log.path("items"))
                .extracting(e -> e.path("action").asString())
                .containsExactly("UNHIDE", "HIDE");
        assertThat(log.path("items").path(1).path("createdAt").asString()).isNotBlank();
        status(404, moderator.api().post("/api/v1/moderation/actions", action("hide", KIND, RandomIds.next(), "r")));
    }

    private void awaitSearch(ApiClient api, String id, boolean present) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode results = status(200, api.get("/api/v1/search?q=item&kind=" + KIND + "&limit=100"));
            boolean found = false;
            for (JsonNode hit : results.path("items")) {
                found |= hit.path("id").asString().equals(id);
            }
            if (found == present) {
                return;
            }
            sleep(20);
        }
        throw new AssertionError(id + (present ? " never appeared in" : " never left") + " search");
    }

    @Test
    void moderatorsSuspendAndReinstateUsersButNotEachOther() {
        Caller target = user();
        Caller moderator = moderator();
        String userId = Long.toString(target.user().id());

        JsonNode suspended = status(
                201,
                moderator.api().post("/api/v1/moderation/actions", action("suspend", "users", userId, "spam bot")));
        assertThat(suspended.path("kind").asString()).isEqualTo("users");
        assertThat(users.isSuspended(target.user().id())).isTrue();
        status(201, moderator.api().post("/api/v1/moderation/actions", action("unsuspend", "users", userId, "appeal")));
        assertThat(users.isSuspended(target.user().id())).isFalse();

        Caller other = moderator();
        String otherId = Long.toString(other.user().id());
        status(403, moderator.api().post("/api/v1/moderation/actions", action("suspend", "users", otherId, "r")));
        status(201, admin.post("/api/v1/moderation/actions", action("suspend", "users", otherId, "abuse")));
        assertThat(users.isSuspended(other.user().id())).isTrue();
        JsonNode self = status(
                400,
                moderator
                        .api()
                        .post(
                                "/api/v1/moderation/actions",
                                action(
                                        "suspend",
                                        "users",
                                        Long.toString(moderator.user().id()),
                                        "r")));
        assertThat(self.path("field").asString()).isEqualTo("id");
        status(404, moderator.api().post("/api/v1/moderation/actions", action("suspend", "users", "999999", "r")));
        status(404, moderator.api().post("/api/v1/moderation/actions", action("suspend", "users", "abc", "r")));

        JsonNode log = status(200, admin.get("/api/v1/moderation/audit?kind=users&id=" + userId));
        assertThat(log.path("items"))
                .extracting(e -> e.path("action").asString())
                .containsExactly("UNSUSPEND", "SUSPEND");
        assertThat(log.path("items").path(1).path("reason").asString()).isEqualTo("spam bot");
    }

    @Test
    void imagesAndCommentsOfRealPostsAreReportedAndHiddenLikePosts() {
        Caller owner = user();
        Caller commenter = user();
        Caller reporter = user();
        Caller moderator = moderator();
        String postId = item(owner, false);
        String imageId = status(200, reporter.api().get("/api/v1/posts/" + postId))
                .path("images")
                .path(0)
                .path("id")
                .asString();
        String commentId = status(
                        201, commenter.api().post("/api/v1/comments/posts/" + postId, "{\"body\": \"spam spam spam\"}"))
                .path("id")
                .asString();

        status(201, reporter.api().post("/api/v1/reports", report("images", imageId, "nsfw_mislabeled", null)));
        status(201, reporter.api().post("/api/v1/reports", report("comments", commentId, "spam", null)));
        List<JsonNode> queued = walk(moderator.api(), "sort=newest", id -> id.equals(imageId) || id.equals(commentId));
        assertThat(queued).extracting(t -> t.path("kind").asString()).containsExactly("comments", "images");
        assertThat(queued.get(1).path("ownerId").asLong())
                .isEqualTo(owner.user().id());

        status(201, moderator.api().post("/api/v1/moderation/actions", action("hide", "comments", commentId, "spam")));
        status(201, moderator.api().post("/api/v1/moderation/actions", action("hide", "images", imageId, "R, not PG")));
        JsonNode comments = status(200, reporter.api().get("/api/v1/comments/posts/" + postId));
        assertThat(comments.path("items"))
                .extracting(c -> c.path("id").asString())
                .doesNotContain(commentId);
        assertThat(status(200, reporter.api().get("/api/v1/posts/" + postId)).path("images"))
                .isEmpty();
        status(404, user().api().post("/api/v1/reports", report("comments", commentId, "spam", null)));
        status(404, user().api().post("/api/v1/reports", report("images", imageId, "spam", null)));
        assertThat(walk(moderator.api(), "sort=newest", id -> id.equals(imageId) || id.equals(commentId)))
                .isEmpty();
    }

    @Test
    void aReportedUserSuspendedByAModeratorLeavesSearchAndCannotBeReportedByOthers() {
        Caller target = user();
        Caller reporter = user();
        Caller moderator = moderator();
        String userId = Long.toString(target.user().id());
        String name = target.user().username();
        awaitUserInSearch(reporter.api(), name, true);
        long reportId = status(
                        201, reporter.api().post("/api/v1/reports", report("users", userId, "harassment", "dms")))
                .path("id")
                .asLong();
        JsonNode queued = walk(moderator.api(), "sort=newest", userId::equals).get(0);
        assertThat(queued.path("kind").asString()).isEqualTo("users");
        assertThat(queued.path("title").asString()).isEqualTo(name);

        status(
                201,
                moderator.api().post("/api/v1/moderation/actions", action("suspend", "users", userId, "harassment")));
        assertThat(users.isSuspended(target.user().id())).isTrue();
        assertThat(target.api().get("/api/v1/me").status())
                .as("a suspended user's key no longer works")
                .isIn(401, 403);
        awaitUserInSearch(reporter.api(), name, false);
        status(404, user().api().post("/api/v1/reports", report("users", userId, "spam", null)));
        JsonNode report =
                status(200, moderator.api().get("/api/v1/moderation/reports?status=all&kind=users&id=" + userId));
        assertThat(report.path(0).path("id").asLong()).isEqualTo(reportId);
        assertThat(report.path(0).path("status").asString()).isEqualTo("ACTIONED");

        status(201, moderator.api().post("/api/v1/moderation/actions", action("unsuspend", "users", userId, "appeal")));
        awaitUserInSearch(reporter.api(), name, true);
        assertThat(target.api().get("/api/v1/me").status()).isEqualTo(200);
    }

    private void awaitUserInSearch(ApiClient api, String username, boolean present) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode results = status(200, api.get("/api/v1/search?kind=users&q=" + username));
            boolean found = false;
            for (JsonNode hit : results.path("items")) {
                found |= hit.path("title").asString().startsWith(username + " ");
            }
            if (found == present) {
                return;
            }
            sleep(20);
        }
        throw new AssertionError(username + (present ? " never appeared in" : " never left") + " search");
    }

    @Test
    void everyBadDeskFieldIsA400NamingIt() {
        Caller moderator = moderator();
        String id = item(user(), false);
        String[][] actions = {
            {action("ban", KIND, id, "r"), "action"},
            {action(null, KIND, id, "r"), "action"},
            {action("dismiss_report", KIND, id, "r"), "action"},
            {action("hide", "widgets", id, "r"), "kind"},
            {action("hide", "users", "1", "r"), "kind"},
            {action("suspend", KIND, id, "r"), "kind"},
            {action("hide", KIND, null, "r"), "id"},
            {action("hide", KIND, id, null), "reason"},
            {action("hide", KIND, id, " "), "reason"},
            {action("hide", KIND, id, "r".repeat(2001)), "reason"},
        };
        for (String[] bad : actions) {
            JsonNode error = status(400, moderator.api().post("/api/v1/moderation/actions", bad[0]));
            assertThat(error.path("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(isHidden(id)).isFalse();

        long reportId = status(201, user().api().post("/api/v1/reports", report(KIND, id, "spam", null)))
                .path("id")
                .asLong();
        String resolve = "/api/v1/moderation/reports/" + reportId + "/resolve";
        assertThat(status(400, moderator.api().post(resolve, "{\"resolution\": \"open\"}"))
                        .path("field")
                        .asString())
                .isEqualTo("resolution");
        assertThat(status(400, moderator.api().post(resolve, "{}"))
                        .path("field")
                        .asString())
                .isEqualTo("resolution");
        assertThat(status(
                                400,
                                moderator
                                        .api()
                                        .post(
                                                resolve,
                                                "{\"resolution\": \"dismissed\", \"note\": \"" + "n".repeat(2001)
                                                        + "\"}"))
                        .path("field")
                        .asString())
                .isEqualTo("note");
        status(
                404,
                moderator
                        .api()
                        .post("/api/v1/moderation/reports/123456789/resolve", "{\"resolution\": \"dismissed\"}"));
        status(404, moderator.api().post("/api/v1/moderation/reports/abc/resolve", "{\"resolution\": \"dismissed\"}"));
        JsonNode resolved =
                status(200, moderator.api().post(resolve, "{\"resolution\": \"Actioned\", \"note\": \"warned\"}"));
        assertThat(resolved.path("status").asString()).isEqualTo("ACTIONED");
        assertThat(resolved.path("note").asString()).isEqualTo("warned");

        String[][] gets = {
            {"/api/v1/moderation/queue?sort=oldest", "sort"},
            {"/api/v1/moderation/queue?limit=0", "limit"},
            {"/api/v1/moderation/queue?limit=101", "limit"},
            {"/api/v1/moderation/queue?limit=x", "limit"},
            {"/api/v1/moderation/queue?cursor=zz", "cursor"},
            {"/api/v1/moderation/queue?sort=most_reported&cursor=" + newestCursor(moderator.api()), "cursor"},
            {"/api/v1/moderation/reports?kind=widgets&id=1", "kind"},
            {"/api/v1/moderation/reports?kind=" + KIND, "id"},
            {"/api/v1/moderation/reports?kind=" + KIND + "&id=" + id + "&status=closed", "status"},
            {"/api/v1/moderation/audit?limit=-1", "limit"},
            {"/api/v1/moderation/audit?cursor=abc", "cursor"},
            {"/api/v1/moderation/audit?kind=nope&id=1", "kind"},
            {"/api/v1/moderation/audit?id=1", "kind"},
            {"/api/v1/moderation/audit?kind=users", "id"},
            {"/api/v1/moderation/prompt-rejections?cursor=abc", "cursor"},
            {"/api/v1/moderation/prompt-rejections?limit=1000", "limit"},
            {"/api/v1/moderation/flagged-images?cursor=abc", "cursor"},
            {"/api/v1/moderation/flagged-images?limit=y", "limit"},
        };
        for (String[] bad : gets) {
            JsonNode error = status(400, moderator.api().get(bad[0]));
            assertThat(error.path("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    private String newestCursor(ApiClient api) {
        status(201, user().api().post("/api/v1/reports", report(KIND, item(user(), false), "spam", null)));
        status(201, user().api().post("/api/v1/reports", report(KIND, item(user(), false), "spam", null)));
        return status(200, api.get("/api/v1/moderation/queue?limit=1"))
                .path("nextCursor")
                .asString();
    }

    @Test
    void rejectedPromptsFromTheGenerationPathAreListed() {
        Caller author = user();
        String prompt = "a photo, child porn " + UUID.randomUUID();
        JsonNode refused = status(400, author.api().post("/api/v1/jobs", """
                        {"prompt": "%s", "width": 32, "height": 32, "steps": 2}""".formatted(prompt)));
        assertThat(refused.path("field").asString()).isEqualTo("prompt");

        JsonNode page = status(200, admin.get("/api/v1/moderation/prompt-rejections?limit=100"));
        JsonNode mine = null;
        for (JsonNode rejection : page.path("items")) {
            if (rejection.path("prompt").asString().equals(prompt)) {
                mine = rejection;
            }
        }
        assertThat(mine).as(page.toString()).isNotNull();
        assertThat(mine.path("userId").asLong()).isEqualTo(author.user().id());
        assertThat(mine.path("reason").asString()).contains("child porn");
    }

    @Test
    void safetyFlaggedImagesAreListedNewestFirstAcrossPages() {
        Instant base = Instant.parse("2030-01-01T00:00:00Z");
        Caller author = user();
        List<String> flagged = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String jobId = UUID.randomUUID().toString();
            Instant finished = base.plusSeconds(i);
            JobRequest request = new JobRequest("tiny", "prompt " + i, null, 32, 32, 2, 7, "Euler a", i, 2, null, 0, 0);
            jobs.insert(new Job(
                    jobId,
                    author.user().id(),
                    JobState.DONE,
                    request,
                    null,
                    i,
                    finished,
                    finished,
                    finished,
                    null,
                    "2",
                    List.of(
                            new JobImage(0, i, "a".repeat(63) + i, true, "prompt " + i),
                            new JobImage(1, i + 1, "b".repeat(63) + i, i == 1, "prompt " + i))));
            flagged.add(0, jobId + "/0");
            if (i == 1) {
                flagged.add(1, jobId + "/1");
            }
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        JsonNode first = null;
        do {
            JsonNode page = status(
                    200,
                    admin.get(
                            "/api/v1/moderation/flagged-images?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
            if (first == null) {
                first = page.path("items").path(0);
            }
            page.path("items")
                    .forEach(image -> listed.add(image.path("jobId").asString() + "/"
                            + image.path("index").asInt()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null && listed.size() < 4);
        assertThat(listed).containsExactlyElementsOf(flagged);
        assertThat(first.path("prompt").asString()).isEqualTo("prompt 2");
        assertThat(first.path("ownerId").asLong()).isEqualTo(author.user().id());
        assertThat(first.path("url").asString()).isEqualTo("/api/v1/images/" + "a".repeat(63) + "2.png");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
