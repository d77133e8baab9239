package dev.easel.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.accounts.ApiKeyService;
import dev.easel.server.accounts.NewUser;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.accounts.ViewerPreferences;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.search.TestSearchSources.Doc;
import dev.easel.server.search.TestSearchSources.Listed;
import dev.easel.server.testing.ApiClient;
import dev.easel.server.testing.StatementCounter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Search over real HTTP on the embedded defaults, with test sources (see {@link TestSearchSources}) standing in for
 * the features: ranking, analysis of English and CJK text, filters, NSFW limits, sorts with cursors, suggestions,
 * freshness from change events, and a 400 naming every bad parameter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSearchSources.class, StatementCounter.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest {
    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("testImages")
    Listed images;

    @Autowired
    @Qualifier("testComments")
    Listed comments;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    @Autowired
    StatementCounter statements;

    ApiClient anonymous;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path root = Files.createTempDirectory("easel-search-test");
        registry.add("easel.data-dir", () -> root.resolve("data").toString());
        registry.add("easel.models-dir", () -> root.resolve("models").toString());
        registry.add("easel.bundled-model", () -> root.resolve("none").toString());
    }

    @BeforeAll
    void client() {
        anonymous = new ApiClient(port, null);
    }

    private ApiClient signedIn(NsfwLevel preference) {
        UserAccount user = users.create(new NewUser("searcher-" + USERS.incrementAndGet(), null, "password-123"));
        users.updatePreferences(user, new ViewerPreferences(preference, true));
        return new ApiClient(port, keys.create(user, "test").secret());
    }

    private static JsonNode ok(ApiClient client, String query) {
        ApiClient.Response response = client.get("/api/v1/search?" + query);
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void ranksTitleMatchesFirstAndLeavesOutWhatTheViewerDoesNotSee() {
        JsonNode results = ok(anonymous, "q=watercolor");

        List<String> ids = ids(results);
        assertThat(ids).containsExactlyInAnyOrder("i-fox", "c-1", "i-lake");
        assertThat(ids.get(0)).as("title, tag and text match").isEqualTo("i-fox");
        assertThat(ids.get(2)).as("one mention deep in the text").isEqualTo("i-lake");
        List<Double> scores = new ArrayList<>();
        results.path("items").forEach(item -> scores.add(item.path("score").asDouble()));
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(scores.get(2)).isPositive();
        assertThat(results.path("counts").path("images").asLong()).isEqualTo(2);
        assertThat(results.path("counts").path("comments").asLong()).isEqualTo(1);
        assertThat(results.path("nsfw").asString()).isEqualTo("PG13");
        assertThat(results.path("complete").asBoolean()).isTrue();
        JsonNode fox = results.path("items").path(0);
        assertThat(fox.path("kind").asString()).isEqualTo("images");
        assertThat(fox.path("title").asString()).isEqualTo("Watercolor fox in a misty forest");
        assertThat(fox.path("baseModel").asString()).isEqualTo("SD 1.5");
        assertThat(fox.path("likes").asLong()).isEqualTo(40);
    }

    @Test
    void searchesAndSuggestionsAreServedFromTheIndexWithoutSql() {
        ok(anonymous, "q=watercolor");
        assertThat(statements.count(() -> ok(anonymous, "q=watercolor&limit=100")))
                .isZero();
        assertThat(statements.count(() -> ok(anonymous, "sort=most_liked&limit=100")))
                .isZero();
        assertThat(statements.count(() -> suggest("q=wat"))).isZero();
    }

    @Test
    void englishWordsMatchTheirInflectionsAndEveryWordMustMatch() {
        assertThat(ids(ok(anonymous, "q=painted"))).containsExactlyInAnyOrder("i-fox", "c-2", "i-lake");
        assertThat(ids(ok(anonymous, "q=Foxes"))).containsExactlyInAnyOrder("i-fox", "c-1");
        assertThat(ids(ok(anonymous, "q=" + encode("watercolor fox")))).containsExactlyInAnyOrder("i-fox", "c-1");
        assertThat(ids(ok(anonymous, "q=" + encode("the watercolor of a fox!"))))
                .as("stop words and punctuation do not have to match")
                .containsExactlyInAnyOrder("i-fox", "c-1");
        assertThat(ids(ok(anonymous, "q=" + encode("title:fox AND ("))))
                .as("no query syntax")
                .isEmpty();
        assertThat(ids(ok(anonymous, "q=" + encode("watercolor volcano")))).isEmpty();
    }

    @Test
    void chineseAndJapaneseTextIsSearchableWithoutSpaces() {
        assertThat(ids(ok(anonymous, "q=" + encode("水彩")))).containsExactly("i-cat");
        assertThat(ids(ok(anonymous, "q=" + encode("猫咪")))).containsExactly("i-cat");
        assertThat(ids(ok(anonymous, "q=" + encode("窗台")))).containsExactly("i-cat");
        assertThat(ids(ok(anonymous, "q=" + encode("富士山")))).containsExactly("i-sakura");
        assertThat(ids(ok(anonymous, "q=" + encode("火山")))).isEmpty();
        assertThat(ids(ok(anonymous, "q=" + encode("ｗａｔｅｒｃｏｌｏｒ"))))
                .as("full-width letters fold")
                .contains("i-fox");
    }

    @Test
    void filtersByKindTagTypeAndBaseModel() {
        assertThat(ids(ok(anonymous, "q=watercolor&kind=comments"))).containsExactly("c-1");
        assertThat(ids(ok(anonymous, "tag=Watercolor")))
                .as("case-insensitive; R item left out")
                .containsExactly("i-fox");
        assertThat(ids(ok(anonymous, "type=lora"))).containsExactlyInAnyOrder("i-fox", "i-cat");
        assertThat(ids(ok(anonymous, "type=LoRA&baseModel=sdxl"))).containsExactly("i-cat");
        assertThat(ids(ok(anonymous, "q=watercolor&baseModel=" + encode("SD 1.5"))))
                .containsExactly("i-fox");
    }

    @Test
    void nsfwAboveThePreferenceOnlyWhenASignedInViewerAsks() {
        JsonNode capped = ok(anonymous, "q=watercolor&nsfw=X");
        assertThat(ids(capped)).doesNotContain("i-figure", "i-explicit");
        assertThat(capped.path("nsfw").asString()).isEqualTo("PG13");
        assertThat(ids(ok(anonymous, "q=watercolor&nsfw=PG"))).containsExactlyInAnyOrder("i-fox", "c-1", "i-lake");

        ApiClient viewer = signedIn(NsfwLevel.PG13);
        assertThat(ids(ok(viewer, "q=watercolor"))).doesNotContain("i-figure", "i-explicit");
        assertThat(ids(ok(viewer, "q=watercolor&nsfw=R"))).contains("i-figure").doesNotContain("i-explicit");
        assertThat(ids(ok(viewer, "q=watercolor&nsfw=x"))).contains("i-figure", "i-explicit");

        ApiClient adult = signedIn(NsfwLevel.R);
        assertThat(ids(ok(adult, "q=watercolor"))).contains("i-figure").doesNotContain("i-explicit");
        assertThat(ids(ok(adult, "q=watercolor&nsfw=PG13"))).doesNotContain("i-figure");
    }

    @Test
    void blankTextListsBySortAcrossPagesWithoutOverlap() {
        assertThat(walk("sort=most_liked"))
                .containsExactly("i-city", "i-fox", "i-cat", "i-sakura", "i-lake", "c-1", "c-2");
        assertThat(walk("sort=newest")).containsExactly("c-2", "c-1", "i-sakura", "i-lake", "i-cat", "i-city", "i-fox");
        assertThat(walk("")).as("relevance without text lists newest first").startsWith("c-2", "c-1");
        assertThat(ok(anonymous, "").path("sort").asString()).isEqualTo("newest");
        assertThat(walk("sort=most_downloaded"))
                .as("ties broken by kind and id")
                .containsExactly("i-cat", "i-fox", "i-city", "c-1", "c-2", "i-lake", "i-sakura");
        assertThat(walk("q=watercolor")).containsExactlyElementsOf(ids(ok(anonymous, "q=watercolor")));
    }

    /** Every test item's id over all pages of two (users signed in by other tests are indexed too, and left out). */
    private List<String> walk(String query) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            JsonNode results = ok(anonymous, query + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(results.path("items").size()).isLessThanOrEqualTo(2);
            ids(results).stream()
                    .filter(id -> id.startsWith("i-") || id.startsWith("c-"))
                    .forEach(all::add);
            if (results.path("nextCursor").isNull()) {
                assertThat(all).doesNotHaveDuplicates();
                return all;
            }
            cursor = results.path("nextCursor").asString();
        }
        throw new AssertionError("more than 20 pages for " + query);
    }

    @Test
    void snippetShowsTheTextAroundTheMatch() {
        JsonNode lake = ok(anonymous, "q=granulation").path("items").path(0);
        String snippet = lake.path("snippet").asString();
        assertThat(snippet).startsWith("…").contains("granulation").hasSizeLessThanOrEqualTo(Snippets.LENGTH + 2);
        JsonNode fox = ok(anonymous, "q=fox&kind=images").path("items").path(0);
        assertThat(fox.path("snippet").asString())
                .isEqualTo("a red fox, watercolor painting, soft light, misty pine forest, highly detailed");
    }

    @Test
    void suggestsTitlesAndTagsForWhatIsBeingTyped() {
        JsonNode wat = suggest("q=wat");
        assertThat(titles(wat)).containsExactly("i-fox", "c-1");
        assertThat(wat.path("titles").path(0).path("title").asString()).isEqualTo("Watercolor fox in a misty forest");
        assertThat(wat.path("tags").size()).isEqualTo(1);
        assertThat(wat.path("tags").path(0).path("tag").asString()).isEqualTo("watercolor");
        assertThat(wat.path("tags").path(0).path("count").asLong())
                .as("the R item is not counted")
                .isEqualTo(1);

        assertThat(titles(suggest("q=" + encode("watercolor f")))).containsExactly("i-fox");
        assertThat(titles(suggest("q=wat&kind=comments"))).containsExactly("c-1");
        assertThat(titles(suggest("q=wat&limit=1"))).containsExactly("i-fox");
        JsonNode water = suggest("q=" + encode("水"));
        assertThat(titles(water)).containsExactly("i-cat");
        assertThat(water.path("tags").path(0).path("tag").asString()).isEqualTo("水彩");
        assertThat(titles(suggest("q=zzz"))).isEmpty();
    }

    private JsonNode suggest(String query) {
        ApiClient.Response response = anonymous.get("/api/v1/search/suggest?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> titles(JsonNode suggestions) {
        List<String> ids = new ArrayList<>();
        suggestions.path("titles").forEach(title -> ids.add(title.path("id").asString()));
        return ids;
    }

    @Test
    void changesReachTheIndexAndAFailingItemBreaksNothing() {
        try {
            images.put(new Doc(ContentKind.IMAGE, "i-volcano")
                    .title("Volcano sunrise")
                    .tags("volcano")
                    .build());
            events.publishEvent(new ContentChanged(ContentKind.IMAGE, "i-volcano"));
            awaitSearch("q=volcano", ids -> ids.equals(List.of("i-volcano")));

            images.put(new Doc(ContentKind.IMAGE, "i-volcano")
                    .title("Erupting volcano sunrise")
                    .build());
            events.publishEvent(new ContentChanged(ContentKind.IMAGE, "i-volcano"));
            awaitSearch("q=erupting", ids -> ids.equals(List.of("i-volcano")));

            images.items.remove("i-volcano");
            events.publishEvent(new ContentChanged(ContentKind.IMAGE, "i-volcano"));
            awaitSearch("q=volcano", List::isEmpty);
            assertThat(titles(suggest("q=volc"))).isEmpty();

            images.put(new Doc(ContentKind.IMAGE, "i-broken")
                    .title("Glacier broken")
                    .build());
            images.failing.add("i-broken");
            events.publishEvent(new ContentChanged(ContentKind.IMAGE, "i-broken"));
            images.put(new Doc(ContentKind.IMAGE, "i-glacier")
                    .title("Glacier at noon")
                    .build());
            events.publishEvent(new ContentChanged(ContentKind.IMAGE, "i-glacier"));
            awaitSearch("q=glacier", ids -> ids.equals(List.of("i-glacier")));
        } finally {
            images.failing.clear();
            for (String id : List.of("i-volcano", "i-broken", "i-glacier")) {
                images.items.remove(id);
                events.publishEvent(new ContentChanged(ContentKind.IMAGE, id));
            }
            awaitSearch("q=glacier", List::isEmpty);
        }
    }

    private void awaitSearch(String query, Predicate<List<String>> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> ids = List.of();
        while (System.nanoTime() < deadline) {
            ids = ids(ok(anonymous, query));
            if (wanted.test(ids)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(query + " still gives " + ids);
    }

    @Test
    void usersFromTheAccountsSourceAreFoundByUsernameAndDisplayName() {
        String username = "painter-" + USERS.incrementAndGet();
        UserAccount user = users.create(new NewUser(username, "王小明 Watercolour Wang", "password-123"));
        String id = Long.toString(user.id());
        awaitSearch("kind=users&q=" + encode("王小明"), ids -> ids.equals(List.of(id)));
        assertThat(ids(ok(anonymous, "kind=users&q=" + username))).containsExactly(id);
        assertThat(ids(ok(anonymous, "q=" + encode("watercolour wang")))).contains(id);
        assertThat(titles(suggest("q=" + username.substring(0, 5) + "&kind=users")))
                .contains(id);
    }

    @Test
    void everyBadParameterIsA400NamingIt() {
        String cursor = ok(anonymous, "kind=comments&sort=newest&limit=1")
                .path("nextCursor")
                .asString();
        String[][] cases = {
            {"q=" + "a".repeat(201), "q"},
            {"kind=widgets", "kind"},
            {"type=" + "t".repeat(101), "type"},
            {"baseModel=" + "b".repeat(101), "baseModel"},
            {"tag=" + "t".repeat(101), "tag"},
            {"nsfw=XXX", "nsfw"},
            {"sort=popular", "sort"},
            {"limit=abc", "limit"},
            {"limit=0", "limit"},
            {"limit=101", "limit"},
            {"cursor=not-a-cursor", "cursor"},
            {"cursor=" + encode("!!"), "cursor"},
            {"sort=most_liked&cursor=" + cursor, "cursor"},
        };
        for (String[] bad : cases) {
            ApiClient.Response response = anonymous.get("/api/v1/search?" + bad[0]);
            assertThat(response.status()).as(bad[0] + ": " + response.body()).isEqualTo(400);
            assertThat(response.json().path("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(ok(anonymous, "kind=comments&sort=newest&limit=1&cursor=" + cursor)
                        .path("items")
                        .path(0)
                        .path("id")
                        .asString())
                .isEqualTo("c-1");
        for (String[] bad : new String[][] {{"q=", "q"}, {"q=a&kind=nope", "kind"}, {"q=a&limit=21", "limit"}}) {
            ApiClient.Response response = anonymous.get("/api/v1/search/suggest?" + bad[0]);
            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.json().path("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
    }
}
